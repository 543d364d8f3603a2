// The identity extension (categorical labels, scenario texts, derived keys): it round-trips through
// a journal, changes the hash, is absent from numeric sweeps (whose hash it leaves alone), and a
// damaged one is refused.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "sim/errors.hpp"
#include "sim/output/journal.hpp"

namespace fs = std::filesystem;
using namespace kringloop::sim;
using namespace kringloop::sim::output;

namespace {

SweepIdentity numeric() {
  SweepIdentity identity;
  identity.scenario_text = "[run]\nseed = 1\n";
  identity.design = "grid";
  identity.names = {"a.x", "b.y"};
  identity.integer_keys = {1, 0};
  identity.points = {{1, 0.5}, {2, 0.25}};
  identity.raw_points = identity.points;
  identity.seed = 7;
  identity.replications = 3;
  return identity;
}

SweepIdentity extended() {
  SweepIdentity identity = numeric();
  identity.names = {"scenario", "net.mode", "b.y"};
  identity.integer_keys = {factor_categorical, factor_categorical, factor_real};
  identity.points = {{0, 1, 0.5}, {1, 0, 0.25}};
  identity.raw_points = identity.points;
  identity.labels = {{"a.ini", "b.ini"}, {"knn", "well_mixed"}, {}};
  identity.scenario_texts = {"[run]\nseed = 1\n", "[run]\nseed = 2\n"};
  identity.derived_names = {"s.c"};
  identity.derived_points = {{0.25}, {0.125}};
  return identity;
}

struct TempFile {
  fs::path path = fs::temp_directory_path() / ("kringloop_extension_test_" + std::to_string(::getpid()) + ".journal");
  ~TempFile() { fs::remove(path); }
};

}  // namespace

TEST_CASE("a numeric sweep has no extension and keeps its hash", "[sim][sweep]") {
  const SweepIdentity identity = numeric();
  CHECK_FALSE(identity.extended());
  // Pinned: the hash of this identity before the extension existed. A change here would make every
  // earlier journal and sweep file unresumable ("holds a different sweep").
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(identity.hash()));
  CHECK(std::string(text) == "75a4ad1496003a33");  // FNV-1a of the identity bytes, computed independently
}

TEST_CASE("the extension round-trips through a journal and is part of the hash", "[sim][sweep]") {
  TempFile file;
  const SweepIdentity identity = extended();
  REQUIRE(identity.extended());
  {
    JournalWriter writer = JournalWriter::create(file.path, {identity, 0, 1});
    writer.close();
  }
  const JournalHeader header = read_journal_header(file.path);
  CHECK(header.identity.labels == identity.labels);
  CHECK(header.identity.scenario_texts == identity.scenario_texts);
  CHECK(header.identity.derived_names == identity.derived_names);
  CHECK(header.identity.derived_points == identity.derived_points);
  CHECK(header.identity.hash() == identity.hash());
  CHECK(header.shard_count == 1);

  for (auto change : {+[](SweepIdentity& i) { i.labels[1][1] = "ring"; },
                      +[](SweepIdentity& i) { i.scenario_texts[1] += "#"; },
                      +[](SweepIdentity& i) { i.derived_points[1][0] = 0.5; }}) {
    SweepIdentity other = identity;
    change(other);
    CHECK(other.hash() != identity.hash());
  }
}

TEST_CASE("run arguments name labels and derived keys, the scenario factor picks the base", "[sim][sweep]") {
  const SweepIdentity identity = extended();
  CHECK(identity.scenario_factor() == 0);
  CHECK(identity.base_text(1) == "[run]\nseed = 2\n");
  CHECK(identity.value_text(0, 1) == "well_mixed");
  CHECK(identity.value_text(1, 0) == "b.ini");
  CHECK(identity.run_arguments(3) ==
        "--seed " + std::to_string(identity.seed_of(3)) + " --net.mode knn --b.y 0.25 --s.c 0.125");
  CHECK(numeric().scenario_factor() == 2);
  CHECK(numeric().base_text(1) == numeric().scenario_text);
}

TEST_CASE("a damaged extension is refused", "[sim][sweep]") {
  SweepIdentity identity = extended();
  std::string bytes = serialize_identity_extension(identity);
  SweepIdentity back = identity;
  CHECK_THROWS_AS(parse_identity_extension(bytes.substr(0, bytes.size() - 3), 0, back, "f"), IoError);
  identity.points[0][1] = 2;  // level index beyond the two labels
  back = identity;
  CHECK_THROWS_AS(parse_identity_extension(serialize_identity_extension(identity), 0, back, "f"), IoError);
}
