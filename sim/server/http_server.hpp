// One port for HTTP and WebSocket (Boost.Beast over Boost.Asio, header-only from Debian's Boost):
// paths under /api/ go to the application's handler, a WebSocket upgrade to the broadcast the
// application names, everything else to static files under one root. Handlers run on the I/O
// threads and must not block; long work (a simulation) lives on threads of its own.
#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "sim/server/http_types.hpp"
#include "sim/server/limits.hpp"

namespace kringloop::sim::server {

class HttpServer {
 public:
  // Binds and listens at once (throws IoError naming the address when it cannot); port 0 picks a
  // free port, see port().
  HttpServer(const std::string& address, std::uint16_t port, std::filesystem::path static_root, ServerLimits limits,
             RequestHandler handler, StreamLookup streams);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  // Runs the I/O on `threads` threads until stop(); SIGINT and SIGTERM call `on_signal` (once) on
  // an I/O thread: it should cancel work and then call stop().
  void run(int threads, std::function<void()> on_signal);
  void stop();  // stops accepting and ends the I/O loop; open connections are dropped
  std::size_t open_connections() const;

  struct State;  // the I/O context, acceptor and settings (http_server.cpp)

 private:
  std::shared_ptr<State> state_;
};

}  // namespace kringloop::sim::server
