// What the transport hands to the application and takes back: plain structs, so routes are written
// (and tested) without Beast types, and only the transport's source file compiles Beast.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kringloop::sim::server {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // target without the query, not decoded: "/api/runs/3"
  std::string query;   // after '?', or empty
  std::string body;
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string file;           // when set, the body is this file's content (downloads)
  std::string download_name;  // Content-Disposition: attachment; filename=...
  std::vector<std::pair<std::string, std::string>> headers;
};

inline Response make_response(unsigned status, std::string content_type, std::string body, std::string file = {}) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  response.file = std::move(file);
  return response;
}

using RequestHandler = std::function<Response(const Request&)>;

class Broadcast;
// The stream a WebSocket upgrade at `path` subscribes to, or nullptr (answered 404).
using StreamLookup = std::function<std::shared_ptr<Broadcast>(const std::string& path)>;

}  // namespace kringloop::sim::server
