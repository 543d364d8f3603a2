#include "agents/app/serve/api_routes.hpp"

#include <charconv>
#include <set>

#include "agents/app/serve/scenario_catalog.hpp"
#include "agents/parameters/registry.hpp"
#include "sim/config/parameter_schema.hpp"
#include "sim/errors.hpp"
#include "sim/server/static_files.hpp"

namespace kringloop::agents::serve {

namespace {

using sim::cli::Json;
using sim::server::make_response;
using sim::server::Response;

// A request the client got wrong: status and message.
struct HttpError : std::runtime_error {
  HttpError(unsigned code, const std::string& message) : std::runtime_error(message), status(code) {}
  unsigned status;
};

Response json_response(const Json& json, unsigned status = 200) {
  return make_response(status, "application/json", sim::cli::dump_json(json));
}

Response error_response(unsigned status, const std::string& message) {
  return json_response(Json{{"error", sim::escape_control_characters(message)}}, status);
}

Json parse_object(const std::string& body, const std::set<std::string>& allowed) {
  if (body.empty()) return Json::object();
  Json json = Json::parse(body, nullptr, false);
  if (json.is_discarded()) throw HttpError(400, "malformed JSON in the request body");
  if (!json.is_object()) throw HttpError(400, "the request body must be a JSON object");
  std::string names;
  for (const auto& key : allowed) names += (names.empty() ? "" : ", ") + key;
  for (const auto& [key, value] : json.items())
    if (!allowed.count(key)) throw HttpError(400, "unknown key '" + key + "' in the request (allowed: " + names + ")");
  return json;
}

// A scenario value as the registry reads it: strings as they are, numbers and booleans as JSON writes them.
std::string value_text(const std::string& key, const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  if (value.is_array()) {  // a list option: "a, b"
    std::string text;
    for (const auto& item : value) {
      if (!item.is_string()) throw HttpError(400, key + ": a list holds words (strings)");
      text += (text.empty() ? "" : ", ") + item.get<std::string>();
    }
    return text;
  }
  throw HttpError(400, key + ": the value must be a string, number, boolean or list of words");
}

std::int64_t whole_number(const Json& json, const std::string& key, std::int64_t min, std::int64_t max) {
  if (!json.is_number_integer() || json.get<std::int64_t>() < min || json.get<std::int64_t>() > max)
    throw HttpError(400, key + " = " + json.dump() + ": must be a whole number from " + std::to_string(min) + " to " +
                             std::to_string(max));
  return json.get<std::int64_t>();
}

// "/api/runs/12/frames" → {"12", "frames"} after the prefix; nullopt when the id is not a number.
std::optional<int> run_id(const std::string& text) {
  int id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string query_value(const std::string& query, const std::string& name) {
  std::size_t start = 0;
  while (start < query.size()) {
    const auto end = std::min(query.find('&', start), query.size());
    const std::string pair = query.substr(start, end - start);
    if (pair.rfind(name + "=", 0) == 0) {
      const auto decoded = sim::server::percent_decode(pair.substr(name.size() + 1));
      if (!decoded) throw HttpError(400, "malformed query: " + query);
      return *decoded;
    }
    start = end + 1;
  }
  return {};
}

}  // namespace

Response ApiRoutes::handle(const sim::server::Request& request) {
  try {
    const auto parts = split_path(request.path);  // {"api", ...}
    const std::string& method = request.method;
    const auto want = [&](const char* allowed) {
      if (method != allowed) throw HttpError(405, request.path + " answers " + allowed + " only");
    };
    if (parts.size() == 2 && parts[1] == "health") {
      want("GET");
      return json_response({{"ok", true}, {"active_runs", runs_.active_runs()}});
    }
    if (parts.size() == 2 && parts[1] == "scenarios") {
      want("GET");
      return json_response(scenario_list(runs_.settings().configs_dir));
    }
    if (parts.size() == 2 && parts[1] == "options") {
      want("GET");
      return json_response(sim::config::parameter_schema(parameter_registry()));
    }
    if (parts.size() == 2 && parts[1] == "levers") {
      want("GET");
      const std::string name = query_value(request.query, "scenario");
      return json_response(scenario_levers(scenario_file(runs_.settings().configs_dir, name.empty() ? "default" : name)));
    }
    if (parts.size() == 2 && parts[1] == "runs") {
      if (method == "POST") return start_run(request.body);
      want("GET");
      Json list = Json::array();
      for (const auto& run : runs_.all()) list.push_back(run->status());
      return json_response(list);
    }
    if (parts.size() >= 3 && parts.size() <= 4 && parts[1] == "runs") {
      const auto id = run_id(parts[2]);
      const auto run = id ? runs_.find(*id) : nullptr;
      if (!run) return error_response(404, "no run " + parts[2]);
      if (parts.size() == 3) {
        want("GET");
        return json_response(run->status());
      }
      return run_command(*run, parts[3], method, request.body);
    }
    return error_response(404, "no such API path: " + request.path);
  } catch (const HttpError& error) {
    return error_response(error.status, error.what());
  } catch (const sim::ConfigError& error) {
    return error_response(400, error.what());
  } catch (const CapacityError& error) {
    return error_response(429, error.what());
  } catch (const StateError& error) {
    return error_response(409, error.what());
  }
}

Response ApiRoutes::start_run(const std::string& body) {
  const Json json = parse_object(body, {"scenario", "seed", "overrides", "pace_ms", "paused"});
  LiveRunOptions options;
  options.scenario_label = "default";
  if (json.contains("scenario")) {
    if (!json["scenario"].is_string()) throw HttpError(400, "scenario: must be a scenario name (GET /api/scenarios)");
    options.scenario_label = json["scenario"].get<std::string>();
  }
  options.request.scenario_file = scenario_file(runs_.settings().configs_dir, options.scenario_label);
  if (json.contains("seed"))
    options.request.seed = static_cast<std::uint64_t>(whole_number(json["seed"], "seed", 0, std::int64_t{1} << 53));
  if (json.contains("overrides")) {
    if (!json["overrides"].is_object()) throw HttpError(400, "overrides: must be an object {\"section.key\": value}");
    for (const auto& [key, value] : json["overrides"].items())
      options.request.overrides.emplace_back(key, value_text(key, value));
  }
  if (json.contains("pace_ms")) options.pace_ms = static_cast<int>(whole_number(json["pace_ms"], "pace_ms", 0, 10000));
  if (json.contains("paused")) {
    if (!json["paused"].is_boolean()) throw HttpError(400, "paused: must be true or false");
    options.start_paused = json["paused"].get<bool>();
  }
  const auto run = runs_.start(std::move(options));
  Json status = run->status();
  status["frames"] = "/api/runs/" + std::to_string(run->id()) + "/frames";
  return json_response(status, 201);
}

Response ApiRoutes::run_command(LiveRun& run, const std::string& command, const std::string& method,
                                const std::string& body) {
  if (command == "result.h5" || command == "summary.json") {
    if (method != "GET") throw HttpError(405, command + " answers GET only");
    if (run.state() != RunState::finished)
      throw StateError(std::string("run ") + std::to_string(run.id()) + " is " + run_state_name(run.state()) +
                       ": its results exist once it has finished");
    if (command == "summary.json") return make_response(200, "application/json", run.summary_json());
    Response file = make_response(200, "application/x-hdf5", "", run.output_file().string());
    file.download_name = "kringloop-run-" + std::to_string(run.id()) + ".h5";
    return file;
  }
  if (method != "POST") throw HttpError(405, command + " answers POST only");
  if (command == "pause" || command == "resume" || command == "step" || command == "cancel") {
    parse_object(body, {});
    if (!run.active()) throw StateError(std::string("run ") + std::to_string(run.id()) + " has ended (" + run_state_name(run.state()) + ")");
    if (command == "pause") run.pause();
    if (command == "resume") run.resume();
    if (command == "step") run.step();
    if (command == "cancel") run.cancel();
    return json_response(Json{{"accepted", command}, {"id", run.id()}}, 202);
  }
  if (command == "pace") {
    const Json json = parse_object(body, {"pace_ms"});
    if (!json.contains("pace_ms")) throw HttpError(400, "pace_ms: required");
    run.set_pace(static_cast<int>(whole_number(json["pace_ms"], "pace_ms", 0, 10000)));
    return json_response(Json{{"accepted", "pace"}, {"id", run.id()}}, 202);
  }
  if (command == "levers") {
    const Json json = parse_object(body, {"key", "value"});
    if (!json.contains("key") || !json["key"].is_string() || !json.contains("value"))
      throw HttpError(400, "levers: needs {\"key\": \"section.name.field\", \"value\": ...}");
    const std::string key = json["key"].get<std::string>();
    const int month = run.change_lever(key, value_text(key, json["value"]));
    return json_response(Json{{"accepted", "lever"}, {"id", run.id()}, {"key", key}, {"requested_at_month", month}}, 202);
  }
  throw HttpError(404, "no such run command: " + command);
}

std::shared_ptr<sim::server::Broadcast> ApiRoutes::stream(const std::string& path) const {
  const auto parts = split_path(path);
  if (parts.size() != 4 || parts[0] != "api" || parts[1] != "runs" || parts[3] != "frames") return nullptr;
  const auto id = run_id(parts[2]);
  const auto run = id ? runs_.find(*id) : nullptr;
  return run ? run->frames() : nullptr;
}

}  // namespace kringloop::agents::serve
