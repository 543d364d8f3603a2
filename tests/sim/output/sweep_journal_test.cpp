// The sweep journal: records round-trip exactly, a torn or corrupted last record ends the valid
// prefix (and only it), a damaged header is refused, and the identity hash tells sweeps apart.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <zlib.h>

#include "sim/errors.hpp"
#include "sim/output/journal.hpp"
#include "sim/random.hpp"

namespace fs = std::filesystem;
using namespace kringloop::sim;
using namespace kringloop::sim::output;

namespace {

SweepIdentity small_identity() {
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

RunRecord small_record(double offset) {
  RunRecord record;
  record.add_month(30);
  record.add_month(58);
  const auto flat = record.add_series("group/flat", "u", "a flat series");
  const auto wide = record.add_series("group/wide", "v", "a 2-column series", {"left", "right"});
  record.append(flat, offset);
  record.append(flat, offset + 1);
  record.append(wide, std::vector<double>{1, 2});
  record.append(wide, std::vector<double>{3, offset});
  record.set_summary("metric.one", offset * 2);
  record.set_summary("metric.nan", std::nan(""));
  return record;
}

struct TempFile {
  fs::path path = fs::temp_directory_path() / ("kringloop_journal_test_" + std::to_string(::getpid()) + ".journal");
  ~TempFile() { fs::remove(path); }
};

}  // namespace

TEST_CASE("sweep journal records round-trip and torn records are dropped", "[sim][sweep]") {
  TempFile file;
  const SweepIdentity identity = small_identity();
  {
    JournalWriter writer = JournalWriter::create(file.path, {identity, 1, 2});
    writer.append(1, serialize_run(small_record(1)));
    writer.append(3, serialize_run(small_record(3)));
    writer.append_torn(5, serialize_run(small_record(5)), 30);  // killed mid-write
  }
  JournalScan scan = scan_journal(file.path);
  CHECK(scan.header.identity.hash() == identity.hash());
  CHECK(scan.header.shard_index == 1);
  CHECK(scan.header.shard_count == 2);
  REQUIRE(scan.records.size() == 2);
  CHECK(scan.records[0].first == 1);
  CHECK(scan.records[1].first == 3);
  CHECK(scan.valid_end < scan.file_size);

  SECTION("a record reads back bit for bit") {
    JournalReader reader(file.path, scan.identity_hash);
    const RunRecord back = deserialize_run(reader.read_payload(scan.records[1].second, 3), "test");
    const RunRecord original = small_record(3);
    CHECK(serialize_run(back) == serialize_run(original));
    CHECK(back.series()[1].columns == original.series()[1].columns);
    CHECK(std::isnan(back.summary_value("metric.nan", 0)));
    CHECK_THROWS_AS(reader.read_payload(scan.records[1].second, 2), IoError);
  }
  SECTION("reopening truncates the torn record and appends after the valid prefix") {
    {
      JournalWriter writer = JournalWriter::reopen(file.path, scan);
      writer.append(5, serialize_run(small_record(5)));
      writer.close();
    }
    const JournalScan again = scan_journal(file.path);
    REQUIRE(again.records.size() == 3);
    CHECK(again.records[2].first == 5);
    CHECK(again.valid_end == again.file_size);
  }
  SECTION("a corrupted byte in the last record ends the prefix before it") {
    {
      std::fstream stream(file.path, std::ios::in | std::ios::out | std::ios::binary);
      stream.seekp(static_cast<std::streamoff>(scan.records[1].second + 40));
      stream.put('\x7f');
    }
    CHECK(scan_journal(file.path).records.size() == 1);
  }
  SECTION("a damaged header is refused") {
    {
      std::fstream stream(file.path, std::ios::in | std::ios::out | std::ios::binary);
      stream.seekp(30);
      stream.put('\x01');
    }
    CHECK_THROWS_AS(scan_journal(file.path), IoError);
  }
}

TEST_CASE("a journal record's checksum is zlib's CRC-32 of identity hash, run index and payload", "[sim][sweep]") {
  // The layout journal.hpp documents, so a journal written by one build is resumed by another
  // (the checksum is computed by libdeflate; its values must stay those of zlib's crc32).
  TempFile file;
  const SweepIdentity identity = small_identity();
  const std::string payload = serialize_run(small_record(2));
  {
    JournalWriter writer = JournalWriter::create(file.path, {identity, 0, 1});
    writer.append(4, payload);
  }
  const JournalScan scan = scan_journal(file.path);
  REQUIRE(scan.records.size() == 1);
  std::ifstream in(file.path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::size_t at = scan.records[0].second, head = 4 + 8 + 8;
  REQUIRE(bytes.size() == at + head + payload.size() + 8);
  CHECK(bytes.compare(at, 4, "KLRR") == 0);
  CHECK(bytes.compare(at + head, payload.size(), payload) == 0);
  const std::uint64_t identity_hash = identity.hash(), run = 4;
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(&identity_hash), 8);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(&run), 8);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(payload.size()));
  std::uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + at + head + payload.size(), 8);
  CHECK(stored == static_cast<std::uint64_t>(crc));
}

TEST_CASE("sweep identity tells sweeps apart and gives each run its derived seed", "[sim][sweep]") {
  const SweepIdentity identity = small_identity();
  CHECK(identity.runs() == 6);
  CHECK(identity.point_of(4) == 1);
  CHECK(identity.replication_of(4) == 1);
  CHECK(identity.seed_of(4) == derive_seed(7, 1, 1));
  CHECK(identity.run_arguments(4) == "--seed " + std::to_string(derive_seed(7, 1, 1)) + " --a.x 2 --b.y 0.25");
  for (auto change : {+[](SweepIdentity& i) { i.seed = 8; }, +[](SweepIdentity& i) { i.replications = 4; },
                      +[](SweepIdentity& i) { i.points[1][1] = 0.3; }, +[](SweepIdentity& i) { i.scenario_text += "#"; },
                      +[](SweepIdentity& i) { i.design = "lhs"; }}) {
    SweepIdentity other = identity;
    change(other);
    CHECK(other.hash() != identity.hash());
  }
  CHECK(factor_value_text(0.1, false) == "0.1");
  CHECK(factor_value_text(3.6, true) == "4");
}

TEST_CASE("a file that is not a journal is refused", "[sim][sweep]") {
  TempFile file;
  { std::ofstream(file.path) << "not a journal"; }
  CHECK_THROWS_AS(scan_journal(file.path), IoError);
  CHECK_THROWS_AS(scan_journal(file.path.string() + ".missing"), IoError);
}

TEST_CASE("a whole record spliced in from another sweep's journal is not accepted", "[sim][sweep]") {
  // Issue 17, finding 8: records were checksummed without the sweep's identity, so a valid record of
  // another sweep (same run index) passed as this sweep's run.
  TempFile mine, theirs;
  theirs.path += ".theirs";
  SweepIdentity other = small_identity();
  other.seed = 8;
  { JournalWriter(JournalWriter::create(mine.path, {small_identity(), 0, 1})).close(); }
  {
    JournalWriter writer = JournalWriter::create(theirs.path, {other, 0, 1});
    writer.append(2, serialize_run(small_record(2)));
    writer.close();
  }
  const JournalScan their_scan = scan_journal(theirs.path);
  REQUIRE(their_scan.records.size() == 1);
  std::ifstream in(theirs.path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  { std::ofstream(mine.path, std::ios::binary | std::ios::app) << bytes.substr(their_scan.records[0].second); }
  const JournalScan scan = scan_journal(mine.path);
  CHECK(scan.records.empty());
  CHECK(scan.valid_end < scan.file_size);
}

TEST_CASE("one writer per journal: a second one is refused at once", "[sim][sweep]") {
  TempFile file;
  JournalWriter first = JournalWriter::create(file.path, {small_identity(), 0, 1});
  first.append(0, serialize_run(small_record(0)));
  first.sync();
  CHECK_THROWS_WITH(JournalWriter::create(file.path, {small_identity(), 0, 1}), Catch::Contains("another kringloop process"));
  CHECK_THROWS_WITH(JournalWriter::reopen(file.path, scan_journal(file.path)), Catch::Contains("another kringloop process"));
  CHECK(scan_journal(file.path).records.size() == 1);  // the first writer's journal is untouched
  first.close();
  CHECK_NOTHROW(JournalWriter::reopen(file.path, scan_journal(file.path)).close());

  SECTION("a symlink at the journal's name is not followed") {
    fs::remove(file.path);
    const fs::path target = file.path.string() + ".target";
    { std::ofstream(target) << "keep"; }
    fs::create_symlink(target, file.path);
    CHECK_THROWS_WITH(JournalWriter::create(file.path, {small_identity(), 0, 1}), Catch::Contains("not a regular file"));
    CHECK(fs::file_size(target) == 4);
    fs::remove(target);
  }
}
