// Static files never escape their root (issue 12 point 5): plain, encoded, absolute and symlinked
// ways out are refused; ordinary files are found.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "sim/server/static_files.hpp"

using namespace kringloop::sim::server;
namespace fs = std::filesystem;

namespace {

struct WebRoot {
  fs::path base = fs::temp_directory_path() / ("kringloop_static_" + std::to_string(::getpid()));
  fs::path root = base / "web";
  WebRoot() {
    fs::create_directories(root / "js");
    std::ofstream(root / "index.html") << "<html>";
    std::ofstream(root / "js" / "app.js") << "1";
    std::ofstream(base / "secret.txt") << "secret";
    fs::create_directory_symlink(base, root / "escape");
    root = fs::canonical(root);
  }
  ~WebRoot() { fs::remove_all(base); }
};

}  // namespace

TEST_CASE("percent decoding", "[sim][server]") {
  CHECK(percent_decode("/a%20b") == "/a b");
  CHECK(percent_decode("%2e%2E") == "..");
  CHECK_FALSE(percent_decode("%zz").has_value());
  CHECK_FALSE(percent_decode("abc%2").has_value());
  CHECK_FALSE(percent_decode("%").has_value());
}

TEST_CASE("static files are found inside the root and nowhere else", "[sim][server]") {
  const WebRoot web;
  SECTION("ordinary files, and / as index.html") {
    CHECK(find_static_file(web.root, "/").path == web.root / "index.html");
    CHECK(find_static_file(web.root, "/js/app.js").result == StaticLookup::found);
    CHECK(find_static_file(web.root, "/js/missing.js").result == StaticLookup::not_found);
  }
  SECTION("every way out is refused") {
    const auto tries = GENERATE(as<std::string>{}, "/../secret.txt", "/js/../../secret.txt", "/%2e%2e/secret.txt",
                                "/%2E%2e%2fsecret.txt", "//etc/passwd", "/%2fetc%2fpasswd", "/..\\secret.txt",
                                "/index.html%00.js", "/escape/secret.txt", "/C:/windows", "relative", "/%zz");
    INFO(tries);
    CHECK(find_static_file(web.root, tries).result == StaticLookup::refused);
  }
}

TEST_CASE("content types of the dashboard's files", "[sim][server]") {
  CHECK(content_type_for("a/index.html") == "text/html; charset=utf-8");
  CHECK(content_type_for("app.js") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("style.css") == "text/css; charset=utf-8");
  CHECK(content_type_for("x.bin") == "application/octet-stream");
}
