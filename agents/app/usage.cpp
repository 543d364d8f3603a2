// The program's usage text: printed by `kringloop --help` and the DESCRIPTION of the man page.
#include "agents/app/commands.hpp"

namespace kringloop::agents {

extern const char* const program_usage =
    "kringloop — agent-based simulator of regional transition coalitions\n\n"
    "usage: kringloop COMMAND [ARGS]\n\n"
    "commands:\n"
    "  run [SCENARIO.ini] [--section.key VALUE ...] [-o FILE.h5] [--seed N] [--threads N] [--overwrite]\n"
    "      [--quiet]       simulate a scenario (default: the embedded default scenario); on a terminal a\n"
    "                      run longer than a second shows its progress on stderr\n"
    "  validate SCENARIO.ini   check a scenario without running it\n"
    "  options [--scenario FILE.ini] [--section.key VALUE ...] [--markdown | --json | --man | --names]\n"
    "                      every scenario option: value in the scenario (and each named section), unit,\n"
    "                      range, meaning and source; --man: the man page; --names: keys for completion\n"
    "  inspect FILE.h5 [--json]  show a run file's metadata and summary, or a sweep file's design and metrics\n"
    "  sweep [SCENARIO.ini] --vary KEY=V1,V2|LO:HI ... [--design grid|lhs|sobol|morris] [--samples N]\n"
    "        [--replications R] [--seed S] [-o SWEEP.h5] [--threads N] [--resume] [--shard I/N]\n"
    "                      run a scenario over a design into one file (docs/EXPERIMENTS.md)\n"
    "  merge SHARD... -o SWEEP.h5  join the shard files of a sharded sweep\n"
    "  sensitivity SWEEP.h5 --metric NAME [--bootstrap B] [--confidence C]\n"
    "                      Sobol or Morris indices of a summary metric, stored in the file\n"
    "  extract SWEEP.h5 --run I -o RUN.h5  repeat one run of a sweep as a single-run file\n"
    "  serve [--bind 127.0.0.1] [--port 8080] [--max-runs N] [--max-farmers N]\n"
    "                      the live dashboard and its HTTP/WebSocket API (docs/API.md)\n"
    "  --help, --version\n\n"
    "`kringloop COMMAND --help` shows a command's options.\n";

}  // namespace kringloop::agents
