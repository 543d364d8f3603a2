// Which journal files a sweep result has on disk. A sweep writes RESULT.journal, or one
// RESULT.journal.rankRofN per MPI rank; a resume with another layout (another rank count, or
// without MPI) would not see the other layout's journals: it would redo their runs and leave them
// behind. The sweep command therefore asks for all of them first and refuses (or, with --overwrite,
// removes) those it would not use.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kringloop::sim::output {

// RESULT.journal.rankRofN (the journal of MPI rank R of N).
std::filesystem::path rank_journal(const std::filesystem::path& result, int rank, int size);

// Every file named RESULT.journal or RESULT.journal.rank*of* in RESULT's folder, sorted.
std::vector<std::filesystem::path> journals_of(const std::filesystem::path& result);

// Journals of `result` other than `used`: throws IoError naming the first one and how to continue,
// or with `remove` deletes them (regular files only).
void handle_foreign_journals(const std::filesystem::path& result, const std::vector<std::filesystem::path>& used,
                             bool remove);

}  // namespace kringloop::sim::output
