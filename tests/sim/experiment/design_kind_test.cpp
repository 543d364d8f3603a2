#include <catch2/catch.hpp>

#include "sim/experiment/design.hpp"

using namespace kringloop::sim::experiment;
using Catch::Matchers::Contains;

TEST_CASE("design kinds parse from their names and back", "[sim][experiment]") {
  for (DesignKind kind : {DesignKind::grid, DesignKind::lhs, DesignKind::sobol, DesignKind::morris}) {
    CHECK(parse_design_kind(to_string(kind)) == kind);
  }
  CHECK(parse_design_kind("sobol") == DesignKind::sobol);
}

TEST_CASE("an unknown design kind throws, listing the allowed names", "[sim][experiment]") {
  CHECK_THROWS_AS(parse_design_kind("saltelli"), std::invalid_argument);
  CHECK_THROWS_WITH(parse_design_kind("saltelli"), Contains("saltelli") && Contains("grid, lhs, sobol or morris"));
  CHECK_THROWS_WITH(parse_design_kind("Sobol"), Contains("unknown design"));  // names are lower case
  CHECK_THROWS_WITH(parse_design_kind(""), Contains("unknown design"));
}
