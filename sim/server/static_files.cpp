#include "sim/server/static_files.hpp"

#include <system_error>

namespace kringloop::sim::server {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool inside(const std::filesystem::path& root, const std::filesystem::path& candidate) {
  auto r = root.begin(), c = candidate.begin();
  for (; r != root.end(); ++r, ++c)
    if (c == candidate.end() || *r != *c) return false;
  return true;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

StaticFile find_static_file(const std::filesystem::path& root, std::string_view request_path) {
  const auto decoded = percent_decode(request_path);
  if (!decoded || decoded->empty() || decoded->front() != '/') return {StaticLookup::refused, {}};
  std::string relative = decoded->substr(1);
  if (relative.find('\0') != std::string::npos || relative.find('\\') != std::string::npos ||
      relative.find(':') != std::string::npos || (!relative.empty() && relative.front() == '/'))
    return {StaticLookup::refused, {}};
  const std::filesystem::path relative_path(relative);
  for (const auto& part : relative_path)
    if (part == "..") return {StaticLookup::refused, {}};
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  std::error_code error;
  const auto candidate = std::filesystem::weakly_canonical(root / relative, error);
  if (error || !inside(root, candidate)) return {StaticLookup::refused, {}};
  if (!std::filesystem::is_regular_file(candidate, error)) return {StaticLookup::not_found, {}};
  return {StaticLookup::found, candidate};
}

std::string content_type_for(const std::filesystem::path& file) {
  const std::string extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json") return "application/json";
  if (extension == ".png") return "image/png";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".txt" || extension == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace kringloop::sim::server
