// Limits every connection of the HTTP/WebSocket server lives within (issue 12 point 5): a slow,
// stalled or hostile client costs at most these bytes and this time, and never stalls a run.
#pragma once
#include <cstddef>

namespace kringloop::sim::server {

struct ServerLimits {
  std::size_t max_body_bytes = 64 * 1024;       // request body (JSON commands are small)
  std::size_t max_header_bytes = 8 * 1024;      // request line and headers
  std::size_t max_ws_message_bytes = 4 * 1024;  // what a client may send on a WebSocket
  std::size_t ws_queue_messages = 64;           // frames queued for one slow client; older ones dropped
  std::size_t max_connections = 512;            // open HTTP and WebSocket connections
  int idle_seconds = 30;                        // an HTTP connection silent this long is closed
};

}  // namespace kringloop::sim::server
