// `kringloop serve`: the dashboard and its API on one port (issue 12). SIGINT/SIGTERM cancel every
// run (a run writes its file only when complete and atomically, so nothing half-written is left),
// join the run threads, then stop the I/O.
#include <cstdio>
#include <filesystem>

#include <boost/program_options.hpp>

#include "agents/app/commands.hpp"
#include "agents/app/serve/api_routes.hpp"
#include "sim/cli/parse_command.hpp"
#include "sim/errors.hpp"
#include "sim/server/http_server.hpp"

namespace kringloop::agents {

namespace po = boost::program_options;

namespace {

// A folder next to the working directory (run from the repository root), else the source tree's.
std::filesystem::path default_folder(const char* name) {
  if (std::filesystem::is_directory(name)) return name;
  return std::filesystem::path(KRINGLOOP_SOURCE_DIR) / name;
}

}  // namespace

int command_serve(const Arguments& arguments) {
  po::options_description options("kringloop serve [options]");
  std::string bind = "127.0.0.1", web, configs, output = "out/serve";
  int port = 8080, max_runs = 4, threads = 1, io_threads = 2;
  std::int64_t max_farmers = 100000;
  options.add_options()
      ("help,h", "show this help")
      ("bind", po::value<std::string>(&bind)->value_name("ADDRESS"), "address to listen on (default 127.0.0.1: this machine only)")
      ("port", po::value<int>(&port)->value_name("N"), "port (default 8080; 0 picks a free one)")
      ("max-runs", po::value<int>(&max_runs)->value_name("N"), "runs under way at once (default 4)")
      ("max-farmers", po::value<std::int64_t>(&max_farmers)->value_name("N"), "farmers per run at most (default 100000)")
      ("threads", po::value<int>(&threads)->value_name("N"), "worker threads per run (default 1; results do not depend on it)")
      ("io-threads", po::value<int>(&io_threads)->value_name("N"), "threads serving HTTP and WebSocket (default 2)")
      ("web", po::value<std::string>(&web)->value_name("DIR"), "dashboard files (default web/)")
      ("configs", po::value<std::string>(&configs)->value_name("DIR"), "bundled scenarios (default configs/)")
      ("output-dir", po::value<std::string>(&output)->value_name("DIR"), "where run files are written (default out/serve)");
  po::variables_map vm;
  if (!sim::cli::parse_command(arguments, options, vm)) return 0;
  if (port < 0 || port > 65535) throw sim::ConfigError("command line: --port = " + std::to_string(port) + ": must be from 0 to 65535");
  if (max_runs < 1 || max_runs > 64) throw sim::ConfigError("command line: --max-runs = " + std::to_string(max_runs) + ": must be from 1 to 64");
  if (max_farmers < 1 || max_farmers > 10000000)
    throw sim::ConfigError("command line: --max-farmers = " + std::to_string(max_farmers) + ": must be from 1 to 10000000");
  if (threads < 1 || threads > 64) throw sim::ConfigError("command line: --threads = " + std::to_string(threads) + ": must be from 1 to 64");
  if (io_threads < 1 || io_threads > 16) throw sim::ConfigError("command line: --io-threads = " + std::to_string(io_threads) + ": must be from 1 to 16");

  serve::ServeSettings settings;
  settings.max_runs = max_runs;
  settings.max_farmers = max_farmers;
  settings.threads_per_run = threads;
  settings.output_dir = output;
  settings.configs_dir = configs.empty() ? default_folder("configs") : std::filesystem::path(configs);
  if (!std::filesystem::is_directory(settings.configs_dir))
    throw sim::ConfigError("command line: --configs = '" + settings.configs_dir.string() + "': no such folder");
  const std::filesystem::path web_dir = web.empty() ? default_folder("web") : std::filesystem::path(web);
  if (!std::filesystem::is_regular_file(web_dir / "index.html"))
    throw sim::ConfigError("command line: --web = '" + web_dir.string() + "': no index.html there");

  serve::RunTable runs(settings);
  serve::ApiRoutes routes(runs);
  sim::server::HttpServer server(
      bind, static_cast<std::uint16_t>(port), web_dir, sim::server::ServerLimits{},
      [&routes](const sim::server::Request& request) { return routes.handle(request); },
      [&routes](const std::string& path) { return routes.stream(path); });
  std::printf("kringloop serve: dashboard at http://%s:%u/ (Ctrl-C stops)\n",
              bind.find(':') != std::string::npos ? ("[" + bind + "]").c_str() : bind.c_str(), server.port());
  std::fflush(stdout);
  server.run(io_threads, [&] {
    std::fprintf(stderr, "kringloop serve: stopping: cancelling %zu run(s)\n", runs.active_runs());
    runs.cancel_all_and_wait();
    server.stop();
  });
  runs.cancel_all_and_wait();
  std::printf("kringloop serve: stopped\n");
  return 0;
}

}  // namespace kringloop::agents
