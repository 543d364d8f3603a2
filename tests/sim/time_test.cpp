#include <catch2/catch.hpp>

#include "sim/time.hpp"

using namespace kringloop::sim;

TEST_CASE("months partition the 365-day year", "[sim][time]") {
  for (int month = 0; month < 36; ++month) {
    CHECK(last_day_of_month(month) + 1 == first_day_of_month(month + 1));
    CHECK(month_of(first_day_of_month(month)) == month);
    CHECK(month_of(last_day_of_month(month)) == month);
  }
  CHECK(first_day_of_month(1) == 31);
  CHECK(first_day_of_month(2) == 59);  // no leap years
  CHECK(last_day_of_month(11) == 364);
  CHECK(first_day_of_month(24) == 730);
  CHECK(years_to_days(0.5) == 183);
  CHECK(days_to_years(730) == Approx(2.0));
}
