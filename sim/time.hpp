// Simulation time: integer days from the scenario start, 365-day years, calendar months as the
// reporting unit (MODEL §2). Integer days keep event ordering exact and free of rounding.
#pragma once
#include <array>
#include <cstdint>

namespace kringloop::sim {

using Day = std::int32_t;

inline constexpr Day days_per_year = 365;
inline constexpr int months_per_year = 12;
inline constexpr std::array<Day, 12> days_in_month{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// First day of month `month` (0-based, counted from the start; month 12 is January of year 2).
constexpr Day first_day_of_month(int month) {
  Day day = (month / months_per_year) * days_per_year;
  for (int m = 0; m < month % months_per_year; ++m) day += days_in_month[static_cast<std::size_t>(m)];
  return day;
}

// Last day of month `month` (0-based): the day on which that month's record is taken.
constexpr Day last_day_of_month(int month) { return first_day_of_month(month + 1) - 1; }

// Month (0-based) that contains `day`.
constexpr int month_of(Day day) {
  int month = (day / days_per_year) * months_per_year;
  Day rest = day % days_per_year;
  for (Day length : days_in_month) {
    if (rest < length) break;
    rest -= length;
    ++month;
  }
  return month;
}

constexpr Day years_to_days(double years) { return static_cast<Day>(years * days_per_year + 0.5); }
constexpr double days_to_years(Day days) { return static_cast<double>(days) / days_per_year; }

static_assert(first_day_of_month(12) == 365);
static_assert(last_day_of_month(0) == 30);
static_assert(month_of(31) == 1 && month_of(364) == 11 && month_of(365) == 12);

}  // namespace kringloop::sim
