// Micro benchmarks of the engine: event queue throughput, batch dispatch with an outbox, random
// draws. Run: build/bench/engine_bench (see README, "Performance").
#include <benchmark/benchmark.h>

#include <oneapi/tbb/task_arena.h>

#include "sim/event_queue.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"

using namespace kringloop::sim;

namespace {

// Push N events spread over a year and pop them all in batches.
void event_queue_push_pop(benchmark::State& state) {
  const auto n = static_cast<std::uint32_t>(state.range(0));
  for (auto _ : state) {
    EventQueue<std::uint32_t> queue;
    for (std::uint32_t i = 0; i < n; ++i) queue.schedule(static_cast<Day>((i * 2654435761u) % 365), static_cast<Phase>(i % 4), i);
    std::vector<EventQueue<std::uint32_t>::Event> batch;
    std::uint64_t sum = 0;
    while (queue.pop_batch(batch))
      for (const auto& e : batch) sum += e.payload;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * n);
}
BENCHMARK(event_queue_push_pop)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

struct Message {
  std::uint32_t sender;
  double value;
  std::uint32_t order_key() const { return sender; }
};

// One batch over N agents: each reads a random draw, writes its own row and every 16th sends a
// message; messages are then drained in key order. Threads = state.range(1).
void batch_dispatch(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  oneapi::tbb::task_arena arena(static_cast<int>(state.range(1)));
  std::vector<double> rows(n, 0.0);
  Outbox<Message> outbox;
  Day day = 0;
  for (auto _ : state) {
    arena.execute([&] {
      parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          RandomStream random(1, static_cast<std::uint32_t>(i), day, Stream::experiment);
          rows[i] += random.uniform();
          if (i % 16 == 0) outbox.emit({static_cast<std::uint32_t>(i), rows[i]});
        }
      });
    });
    benchmark::DoNotOptimize(outbox.drain());
    ++day;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(batch_dispatch)->Args({1000000, 1})->Args({1000000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

void philox_uniform(benchmark::State& state) {
  RandomStream random(1, 2, 3, Stream::experiment);
  for (auto _ : state) benchmark::DoNotOptimize(random.uniform());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(philox_uniform);

}  // namespace

BENCHMARK_MAIN();
