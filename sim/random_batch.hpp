// Many streams' first draws at once: the Philox blocks of up to hundreds of agents computed side by
// side in vector registers where the processor has AVX2, one at a time elsewhere. Each number is
// bitwise the one RandomStream gives (integer arithmetic only), so a pass may take its draws from
// here or from RandomStream and produce the same run (issue 16: Philox was ~40% of the
// instructions of the full model, mostly one block per farmer per month in the trust and review
// passes).
#pragma once
#include <cstddef>
#include <cstdint>

#include "sim/random.hpp"

namespace kringloop::sim {

// out[a * draws + d] = the d-th uniform() of RandomStream(seed, agents[a], day, stream, index),
// for a < count and d < draws.
void batch_uniforms(std::uint64_t seed, std::int32_t day, Stream stream, std::uint16_t index, const std::uint32_t* agents,
                    std::size_t count, std::size_t draws, double* out);

// Whether batch_uniforms runs on AVX2 on this processor (reported by benchmarks; results are the
// same either way).
bool batch_uniforms_vectorised();

}  // namespace kringloop::sim
