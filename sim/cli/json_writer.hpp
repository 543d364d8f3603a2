// A minimal JSON object writer for `inspect --json`: flat keys, numbers printed with full
// precision (round-trip exact), non-finite numbers as null (JSON has no NaN).
#pragma once
#include <cmath>
#include <cstdio>
#include <string>

namespace kringloop::sim::cli {

class JsonObject {
 public:
  void add(const std::string& key, const std::string& text) { field(key) += quote(text); }
  void add(const std::string& key, double number) { field(key) += format(number); }
  void add_raw(const std::string& key, const std::string& json) { field(key) += json; }
  std::string str() const { return "{" + body_ + "}"; }

  static std::string quote(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    return out + "\"";
  }

  static std::string format(double number) {
    if (!std::isfinite(number)) return "null";
    if (number == std::floor(number) && std::fabs(number) < 1e15) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.0f", number);
      return buffer;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", number);
    return buffer;
  }

 private:
  std::string& field(const std::string& key) {
    if (!body_.empty()) body_ += ",";
    body_ += quote(key) + ":";
    return body_;
  }
  std::string body_;
};

}  // namespace kringloop::sim::cli
