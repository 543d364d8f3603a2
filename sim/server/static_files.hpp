// Static files under one root folder (the dashboard in web/). A request path is percent-decoded,
// refused when it holds `..`, a backslash, a NUL or a drive/absolute form, then resolved and checked
// to lie inside the root (symbolic links included): nothing outside web/ is ever served.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kringloop::sim::server {

// "%2e%2e" → "..". nullopt for a malformed escape.
std::optional<std::string> percent_decode(std::string_view text);

enum class StaticLookup { found, not_found, refused };

struct StaticFile {
  StaticLookup result = StaticLookup::not_found;
  std::filesystem::path path;
};

// `root` must be canonical. "/" serves index.html.
StaticFile find_static_file(const std::filesystem::path& root, std::string_view request_path);

std::string content_type_for(const std::filesystem::path& file);

}  // namespace kringloop::sim::server
