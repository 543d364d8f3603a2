#include "sim/experiment/mpi_session.hpp"

#include <cstdlib>
#include <initializer_list>

#ifdef KRINGLOOP_HAVE_MPI
#include <mpi.h>
#endif

namespace kringloop::sim::experiment {

namespace {
bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(variable) != nullptr) return true;
  return false;
}
}  // namespace

bool built_with_mpi() {
#ifdef KRINGLOOP_HAVE_MPI
  return true;
#else
  return false;
#endif
}

MpiSession::MpiSession() {
#ifdef KRINGLOOP_HAVE_MPI
  if (!launched_by_mpi()) return;
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) {
    // Only the main thread calls MPI; TBB workers never do.
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    initialised_here_ = true;
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  active_ = size_ > 1;
#endif
}

MpiSession::~MpiSession() {
#ifdef KRINGLOOP_HAVE_MPI
  if (initialised_here_) MPI_Finalize();
#endif
}

bool MpiSession::all_ok(bool ok) const {
#ifdef KRINGLOOP_HAVE_MPI
  if (!active_) return ok;
  int local = ok ? 1 : 0, global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return global == 1;
#else
  return ok;
#endif
}

}  // namespace kringloop::sim::experiment
