// kringloop merge SHARD... -o SWEEP.h5: joins the shard files of `sweep --shard I/N` into the file
// an unsharded sweep writes (the same assembly, so every dataset is identical).
#include <cstdio>
#include <iostream>

#include <boost/program_options.hpp>

#include "agents/app/sweep_commands.hpp"
#include "sim/cli/parse_command.hpp"
#include "sim/errors.hpp"
#include "sim/output/sweep_file.hpp"

namespace kringloop::agents {

namespace po = boost::program_options;

int command_merge(const Arguments& arguments) {
  po::options_description options("kringloop merge SHARD... -o SWEEP.h5 [--overwrite]");
  std::vector<std::string> shards;
  std::string output;
  options.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>(&output)->value_name("SWEEP.h5"), "result file")
      ("overwrite", "replace an existing result file")
      ("quiet,q", "print nothing on success")
      ("shards", po::value<std::vector<std::string>>(&shards), "shard files written by kringloop sweep --shard I/N");
  po::variables_map vm;
  if (!sim::cli::parse_command(arguments, options, vm, "shards", -1)) return 0;
  if (shards.empty()) throw sim::ConfigError("merge: give the shard files to join");
  if (output.empty()) throw sim::ConfigError("merge: give the result file with -o SWEEP.h5");
  std::vector<std::filesystem::path> paths(shards.begin(), shards.end());
  sim::output::assemble_sweep_file(paths, output, vm.count("overwrite") > 0);
  if (!vm.count("quiet")) std::printf("merge: %zu shard%s -> %s\n", shards.size(), shards.size() == 1 ? "" : "s", output.c_str());
  return 0;
}

}  // namespace kringloop::agents
