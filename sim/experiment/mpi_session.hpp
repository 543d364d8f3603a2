// MPI for sweeps, when built with OpenMPI (KRINGLOOP_HAVE_MPI). MPI is started only when the
// process was launched by mpirun/srun (their environment variables are present): a plain
// `kringloop sweep` then behaves exactly as without MPI and never pays for a singleton start-up.
// Without MPI support every call is the single-process answer.
#pragma once

namespace kringloop::sim::experiment {

class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  bool active() const { return active_; }
  int rank() const { return rank_; }
  int size() const { return size_; }

  // True on every rank when `ok` is true on every rank (a barrier that also carries failure).
  bool all_ok(bool ok) const;

 private:
  bool active_ = false;
  bool initialised_here_ = false;
  int rank_ = 0, size_ = 1;
};

// Whether this binary was built with MPI support ("mpi" in `kringloop sweep --help`).
bool built_with_mpi();

}  // namespace kringloop::sim::experiment
