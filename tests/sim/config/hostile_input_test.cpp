// Hostile and broken scenario input (issue 17, findings 4, 5, 8 and 9): each is refused with one
// typed error whose message is one line, and nothing is silently changed or dropped.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <fstream>
#include <string>

#include "sim/config/limits.hpp"
#include "sim/config/resolved_config.hpp"
#include "sim/errors.hpp"

using namespace kringloop::sim;
using namespace kringloop::sim::config;

namespace {
ParameterRegistry registry() {
  ParameterRegistry r;
  r.add({"run.name", ValueType::text, "base", "", -1e300, 1e300, {}, "name", ""});
  r.add({"population.farmers", ValueType::integer, "100", "farmers", 1, 1000, {}, "number of farms", ""});
  return r;
}
ResolvedConfig resolve(const KeyValues& values) { return ResolvedConfig::resolve(registry(), {{values, "test"}}); }

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}
}  // namespace

TEST_CASE("error messages stay on one line whatever the input holds", "[sim][config]") {
  const std::string message = message_of([] { resolve({{"population.farmers", "1\n2"}}); });
  CHECK(message.find('\n') == std::string::npos);
  CHECK(message.find("1\\n2") != std::string::npos);
  SECTION("a NUL byte is shown, not the end of the message") {
    const std::string text = std::string("[population]\nfarmers = 5") + '\0' + "5\n";
    const std::string nul = message_of([&] { resolve(read_ini(text, "nul.ini")); });
    CHECK(nul.find("\\0") != std::string::npos);
    CHECK(nul.find("(allowed:") != std::string::npos);  // the text after the NUL byte is there
  }
  CHECK(escape_control_characters(std::string("a\tb\x01") + '\0') == "a\\tb\\x01\\0");
}

TEST_CASE("values that cannot survive the scenario text round trip are refused", "[sim][config]") {
  CHECK_THROWS_WITH(resolve({{"run.name", "two\nlines"}}), Catch::Contains("control character"));
  CHECK_THROWS_WITH(resolve({{"run.name", "a#b"}}), Catch::Contains("'#'"));
  CHECK_THROWS_WITH(resolve({{"run.name", std::string(limits::max_value_bytes + 1, 'x')}}), Catch::Contains("longer than"));
  const auto config = resolve({{"run.name", "plain name"}});
  const auto again = ResolvedConfig::resolve(registry(), {{read_ini(config.to_ini(), "round trip"), "round trip"}});
  CHECK(again.text("run.name") == "plain name");
}

TEST_CASE("an overlong key is refused at once, without a suggestion search", "[sim][config]") {
  const std::string key(20000, 'k');
  const std::string message = message_of([&] { resolve({{key, "1"}}); });
  CHECK(message.find("longer than any option") != std::string::npos);
  CHECK(message.size() < 300);  // names the key by its start, not all 20,000 bytes
  CHECK(registry().suggestion(key).empty());
  CHECK(registry().suggestion("population.farmer") == " (did you mean 'population.farmers'?)");
}

TEST_CASE("a UTF-8 byte order mark does not become part of the first key", "[sim][config]") {
  const auto values = read_ini("\xEF\xBB\xBF[population]\nfarmers = 20\n", "bom.ini");
  REQUIRE(values.size() == 1);
  CHECK(values[0].first == "population.farmers");
}

TEST_CASE("a scenario file that cannot be read fails instead of running an empty scenario", "[sim][config]") {
  // /proc/self/mem opens but every read at offset 0 fails (EIO): the old reader took that as an
  // empty file and ran the default scenario.
  CHECK_THROWS_WITH(read_scenario_file("/proc/self/mem"), Catch::Contains("cannot read scenario file"));
  CHECK_THROWS_WITH(read_scenario_file("/dev/zero"), Catch::Contains("larger than"));
  CHECK_THROWS_AS(read_scenario_file("/nonexistent/x.ini"), ConfigError);
}
