#include "sim/server/http_server.hpp"

#include <chrono>
#include <csignal>
#include <deque>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "sim/cli/json.hpp"
#include "sim/errors.hpp"
#include "sim/server/broadcast.hpp"
#include "sim/server/static_files.hpp"

namespace kringloop::sim::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// Members that sessions use are declared before the io_context: it is destroyed first (members go
// in reverse order), and destroying it destroys the sessions still queued in it.
struct HttpServer::State {
  std::filesystem::path root;
  ServerLimits limits;
  RequestHandler handler;
  StreamLookup streams;
  std::atomic<std::size_t> connections{0};
  std::atomic<bool> stopping{false};
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM};
};

namespace {

using State = HttpServer::State;

class ConnectionCount {
 public:
  explicit ConnectionCount(State& state) : state_(state) { ++state_.connections; }
  ~ConnectionCount() { --state_.connections; }
  ConnectionCount(const ConnectionCount&) = delete;
  ConnectionCount& operator=(const ConnectionCount&) = delete;

 private:
  State& state_;
};

std::string error_json(const std::string& message) {
  return cli::dump_json(cli::Json{{"error", escape_control_characters(message)}});
}

template <class Body>
void common_headers(http::response<Body>& response) {
  response.set(http::field::server, "kringloop");
  response.set("X-Content-Type-Options", "nosniff");
  response.set(http::field::cache_control, "no-store");
  // Everything the dashboard needs comes from this server (no CDN).
  response.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'");
}

// ---------------------------------------------------------------------------------------------------
// WebSocket: one subscriber of a broadcast, with a bounded queue of its own.
class WebSocketSession : public Subscriber, public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(tcp::socket&& socket, State& state, std::shared_ptr<Broadcast> broadcast)
      : ws_(std::move(socket)), state_(state), count_(state), broadcast_(std::move(broadcast)) {}

  void start(http::request<http::string_body> request) {
    // Beast's server defaults (30 s handshake, 300 s idle) with pings: a browser answers them, so a
    // client watching a paused run stays connected, and one that stopped reading is closed.
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::server, "kringloop"); }));
    ws_.read_message_max(state_.limits.max_ws_message_bytes);
    ws_.async_accept(request, [self = shared_from_this()](beast::error_code error) {
      if (error) return;
      self->broadcast_->subscribe(self);
      self->read();
    });
  }

  void deliver(const Message& message) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), message] { self->enqueue(message); });
  }
  void deliver_backlog(std::vector<Message> messages) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), messages = std::move(messages)] {
      for (const auto& message : messages) self->queue_.push_back(message);
      self->write_next();
    });
  }
  void end() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      self->ending_ = true;
      self->write_next();
    });
  }

 private:
  // Clients only listen; what they send is read (to notice a close) and ignored.
  void read() {
    ws_.async_read(incoming_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) {
        self->closed_ = true;
        return;
      }
      self->incoming_.consume(self->incoming_.size());
      self->read();
    });
  }

  void enqueue(const Message& message) {
    if (closed_) return;
    const std::size_t first_waiting = writing_ ? 1 : 0;
    if (message.latest_only) {
      for (std::size_t i = first_waiting; i < queue_.size(); ++i)
        if (queue_[i].latest_only) {
          queue_[i] = message;  // merged: the newer map replaces the one not yet sent
          return;
        }
    } else if (queue_.size() - first_waiting >= state_.limits.ws_queue_messages) {
      for (std::size_t i = first_waiting; i < queue_.size(); ++i)
        if (!queue_[i].latest_only) {
          queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(i));
          ++dropped_;
          break;
        }
    }
    queue_.push_back(message);
    write_next();
  }

  void write_next() {
    if (writing_ || closed_) return;
    if (queue_.empty()) {
      if (ending_ && !closing_) {
        closing_ = true;
        ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](beast::error_code) {});
      }
      return;
    }
    if (dropped_ > 0) {  // the marker tells the client frames are missing (it may fetch the history)
      queue_.push_front(Message{std::make_shared<const std::string>(cli::dump_json(cli::Json{{"type", "dropped"}, {"frames", dropped_}})),
                                false, false});
      dropped_ = 0;
    }
    writing_ = true;
    ws_.binary(queue_.front().binary);
    ws_.async_write(net::buffer(*queue_.front().data), [self = shared_from_this()](beast::error_code error, std::size_t) {
      self->writing_ = false;
      if (error) {
        self->closed_ = true;
        self->queue_.clear();
        return;
      }
      self->queue_.pop_front();
      self->write_next();
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  State& state_;
  ConnectionCount count_;
  std::shared_ptr<Broadcast> broadcast_;
  beast::flat_buffer incoming_;
  std::deque<Message> queue_;
  std::size_t dropped_ = 0;
  bool writing_ = false, ending_ = false, closing_ = false, closed_ = false;
};

// ---------------------------------------------------------------------------------------------------
// HTTP: keep-alive request loop with limits and an idle timeout.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, State& state) : stream_(std::move(socket)), state_(state), count_(state) {}

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(state_.limits.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(state_.limits.max_header_bytes));
    stream_.expires_after(std::chrono::seconds(state_.limits.idle_seconds));
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      self->on_read(error);
    });
  }

  void on_read(beast::error_code error) {
    if (error == http::error::end_of_stream || error == beast::error::timeout || error == net::error::operation_aborted) {
      close();
      return;
    }
    if (error == http::error::body_limit) return send_error(413, "request body larger than " + std::to_string(state_.limits.max_body_bytes) + " bytes", false);
    if (error == http::error::header_limit) return send_error(431, "request headers larger than " + std::to_string(state_.limits.max_header_bytes) + " bytes", false);
    if (error.category() == http::make_error_code(http::error::bad_target).category())
      return send_error(400, "malformed HTTP request: " + error.message(), false);
    if (error) {
      close();
      return;
    }
    auto request = parser_->release();
    if (websocket::is_upgrade(request)) return upgrade(std::move(request));
    respond(request);
  }

  void upgrade(http::request<http::string_body> request) {
    std::string target(request.target());
    target = target.substr(0, target.find('?'));
    const auto broadcast = state_.handler && state_.streams ? state_.streams(target) : nullptr;
    if (!broadcast) return send_error(404, "no stream at " + target, false);
    stream_.expires_never();
    std::make_shared<WebSocketSession>(stream_.release_socket(), state_, broadcast)->start(std::move(request));
  }

  void respond(const http::request<http::string_body>& request) {
    const std::string target(request.target());
    const auto question = target.find('?');
    Request plain{std::string(request.method_string()), target.substr(0, question),
                  question == std::string::npos ? "" : target.substr(question + 1), request.body()};
    const bool keep_alive = request.keep_alive();
    if (plain.path.rfind("/api/", 0) == 0 || plain.path == "/api") {
      Response response;
      try {
        response = state_.handler(plain);
      } catch (const std::exception& error) {
        response = make_response(500, "application/json", error_json(std::string("internal error: ") + error.what()));
      }
      return send(response, keep_alive, request.method() == http::verb::head);
    }
    if (request.method() != http::verb::get && request.method() != http::verb::head)
      return send_error(405, "static files answer GET and HEAD only", keep_alive);
    const auto found = find_static_file(state_.root, plain.path);
    if (found.result == StaticLookup::refused) return send_error(400, "path refused: " + plain.path, keep_alive);
    if (found.result == StaticLookup::not_found) return send_error(404, "no such file: " + plain.path, keep_alive);
    const Response response = make_response(200, content_type_for(found.path), "", found.path.string());
    send(response, keep_alive, request.method() == http::verb::head);
  }

  void send_error(unsigned status, const std::string& message, bool keep_alive) {
    send(make_response(status, "application/json", error_json(message)), keep_alive, false);
  }

  void send(const Response& plain, bool keep_alive, bool head) {
    if (!plain.file.empty()) {
      http::file_body::value_type file;
      beast::error_code error;
      file.open(plain.file.c_str(), beast::file_mode::scan, error);
      if (error) return send_error(404, "file gone", keep_alive);
      auto response = std::make_shared<http::response<http::file_body>>(http::status::ok, 11);
      common_headers(*response);
      if (plain.content_type.rfind("text/html", 0) != 0) response->set(http::field::cache_control, "no-cache");
      response->set(http::field::content_type, plain.content_type);
      if (!plain.download_name.empty())
        response->set(http::field::content_disposition, "attachment; filename=\"" + plain.download_name + "\"");
      for (const auto& [name, value] : plain.headers) response->set(name, value);
      response->keep_alive(keep_alive);
      if (head) {
        response->content_length(file.size());
        http::response<http::empty_body> empty{response->base()};
        return write(std::make_shared<http::response<http::empty_body>>(std::move(empty)), keep_alive);
      }
      response->body() = std::move(file);
      response->prepare_payload();
      return write(response, keep_alive);
    }
    auto response = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(plain.status), 11);
    common_headers(*response);
    response->set(http::field::content_type, plain.content_type);
    if (!plain.download_name.empty())
      response->set(http::field::content_disposition, "attachment; filename=\"" + plain.download_name + "\"");
    for (const auto& [name, value] : plain.headers) response->set(name, value);
    // A client error ends the connection unless the request was read completely (it was, here).
    response->keep_alive(keep_alive);
    response->body() = head ? std::string() : plain.body;
    response->prepare_payload();
    write(response, keep_alive);
  }

  template <class Message>
  void write(std::shared_ptr<Message> response, bool keep_alive) {
    http::async_write(stream_, *response, [self = shared_from_this(), response, keep_alive](beast::error_code error, std::size_t) {
      if (error || !keep_alive) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  State& state_;
  ConnectionCount count_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

void accept_next(State& state) {
  state.acceptor.async_accept(net::make_strand(state.ioc), [&state](beast::error_code error, tcp::socket socket) {
    if (error == net::error::operation_aborted || state.stopping) return;
    if (!error) {
      if (state.connections >= state.limits.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);  // over the cap: refused at once rather than queued
      } else {
        std::make_shared<HttpSession>(std::move(socket), state)->start();
      }
    }
    accept_next(state);
  });
}

}  // namespace

HttpServer::HttpServer(const std::string& address, std::uint16_t port, std::filesystem::path static_root,
                       ServerLimits limits, RequestHandler handler, StreamLookup streams)
    : state_(std::make_shared<State>()) {
  std::error_code canonical_error;
  state_->root = std::filesystem::canonical(static_root, canonical_error);
  if (canonical_error) throw IoError("serve: web folder " + static_root.string() + ": " + canonical_error.message());
  state_->limits = limits;
  state_->handler = std::move(handler);
  state_->streams = std::move(streams);
  beast::error_code error;
  const auto ip = net::ip::make_address(address, error);
  if (error) throw ConfigError("command line: --bind = '" + address + "': not an IP address (e.g. 127.0.0.1 or ::1)");
  const tcp::endpoint endpoint(ip, port);
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) throw IoError("serve: cannot listen on " + address + ":" + std::to_string(port) + ": " + error.message());
}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::port() const { return state_->acceptor.local_endpoint().port(); }

std::size_t HttpServer::open_connections() const { return state_->connections; }

void HttpServer::run(int threads, std::function<void()> on_signal) {
  accept_next(*state_);
  state_->signals.async_wait([on_signal = std::move(on_signal)](beast::error_code error, int) {
    if (!error && on_signal) on_signal();
  });
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back([this] { state_->ioc.run(); });
  state_->ioc.run();
  for (auto& worker : workers) worker.join();
}

void HttpServer::stop() {
  if (state_->stopping.exchange(true)) return;
  net::post(state_->ioc, [state = state_] {
    beast::error_code ignored;
    state->acceptor.close(ignored);
    state->signals.cancel(ignored);
    state->ioc.stop();
  });
}

}  // namespace kringloop::sim::server
