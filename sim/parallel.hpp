// Deterministic parallel batches (MODEL §3). A batch handler reads shared state, writes only its
// own agent's rows, and sends effects on others as messages; the messages are applied after the
// batch in the order of their keys, never in the order threads happened to produce them.
#pragma once
#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

namespace kringloop::sim {

// Agents per parallel task. Fixed (not auto-partitioned) so reductions group the same agents on
// any thread count, and large enough that scheduling overhead stays small.
inline constexpr std::size_t agents_per_block = 2048;

// Up to this many blocks run on the calling thread, one after the other: handing a second block
// to a worker costs more than it saves (the default 3,000 farmers: 0.25 s on 2 threads, 0.20 s
// on one), and a sweep runs many such populations side by side anyway. The blocks, and so every
// result, are the same either way.
inline constexpr std::size_t serial_blocks = 2;

// Calls body(begin, end) for fixed blocks of [0, count) in parallel.
template <class Body>
void parallel_blocks(std::size_t count, Body&& body) {
  const std::size_t blocks = (count + agents_per_block - 1) / agents_per_block;
  if (blocks <= serial_blocks) {
    for (std::size_t b = 0; b < blocks; ++b) body(b * agents_per_block, std::min(count, (b + 1) * agents_per_block));
    return;
  }
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, blocks, 1),
                            [&](const oneapi::tbb::blocked_range<std::size_t>& range) {
                              for (std::size_t b = range.begin(); b != range.end(); ++b)
                                body(b * agents_per_block, std::min(count, (b + 1) * agents_per_block));
                            },
                            oneapi::tbb::simple_partitioner{});
}

// Calls body(begin, end) over [0, count) in chunks of `grain` items, in parallel, for work whose
// items are independent of one another and summed nowhere (each writes only its own outputs): the
// results are then the same however the items are chunked. For lists shorter than the
// serial_blocks × agents_per_block items that parallel_blocks runs on the calling thread but whose
// items are slow (cache misses at random farms), such as the parcels re-let in a month at a
// million farms.
template <class Body>
void parallel_items(std::size_t count, std::size_t grain, Body&& body) {
  if (count <= grain) {
    if (count > 0) body(std::size_t{0}, count);
    return;
  }
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, count, grain),
                            [&](const oneapi::tbb::blocked_range<std::size_t>& range) { body(range.begin(), range.end()); });
}

// Sum of value(i) over [0, count), bitwise identical on any thread count: each fixed block is
// summed in index order, then the block sums are added in block order. (A plain parallel_reduce
// would regroup floating-point additions with the thread count.)
template <class Value>
double deterministic_sum(std::size_t count, Value&& value) {
  const std::size_t blocks = (count + agents_per_block - 1) / agents_per_block;
  std::vector<double> partial(blocks, 0.0);
  parallel_blocks(count, [&](std::size_t begin, std::size_t end) {
    double sum = 0.0;
    for (std::size_t i = begin; i < end; ++i) sum += value(i);
    partial[begin / agents_per_block] = sum;
  });
  double total = 0.0;
  for (double p : partial) total += p;
  return total;
}

// N sums of values(i) (a std::array<double, N>) in one pass over [0, count): each is grouped as
// deterministic_sum groups it, so the results are bitwise those of N separate calls, for one
// read of the agents instead of N.
template <std::size_t N, class Values>
std::array<double, N> deterministic_sums(std::size_t count, Values&& values) {
  const std::size_t blocks = (count + agents_per_block - 1) / agents_per_block;
  std::vector<std::array<double, N>> partial(blocks, std::array<double, N>{});
  parallel_blocks(count, [&](std::size_t begin, std::size_t end) {
    std::array<double, N> sum{};
    for (std::size_t i = begin; i < end; ++i) {
      const std::array<double, N> value = values(i);
      for (std::size_t j = 0; j < N; ++j) sum[j] += value[j];
    }
    partial[begin / agents_per_block] = sum;
  });
  std::array<double, N> total{};
  for (const auto& p : partial)
    for (std::size_t j = 0; j < N; ++j) total[j] += p[j];
  return total;
}

// Messages from a parallel batch. `emit` is safe from any thread; `drain` returns every message
// sorted by Message::order_key(), which must be unique per message (e.g. (sender, n-th message)).
template <class Message>
class Outbox {
 public:
  void emit(Message message) { local_.local().push_back(std::move(message)); }

  std::vector<Message> drain() {
    std::vector<Message> all;
    for (auto& messages : local_) {
      all.insert(all.end(), std::make_move_iterator(messages.begin()), std::make_move_iterator(messages.end()));
      messages.clear();
    }
    std::sort(all.begin(), all.end(),
              [](const Message& a, const Message& b) { return a.order_key() < b.order_key(); });
    return all;
  }

 private:
  oneapi::tbb::enumerable_thread_specific<std::vector<Message>> local_;
};

}  // namespace kringloop::sim
