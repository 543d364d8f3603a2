// Damage detection for what HDF5's own checksums miss. Files are written with the latest format
// (create_hdf5_file): the superblock, object headers and chunk indexes carry checksums HDF5 checks
// on every read, and every numeric dataset chunk has a Fletcher-32 checksum (create_extendible).
// Not covered by HDF5: attributes kept in dense storage (a fractal heap without block checksums,
// used once an object has more than 8 attributes) and every variable-length string (the global
// heap) — so a flipped bit in a root attribute or the scenario text was read back silently.
//
// Root attributes close that gap for what readers take values from: `checksum` covers the root's own
// attributes, `summary_checksum` those of /summary (run files), `design_checksum` those of /design
// (sweep files); all three live on the root so that no group gains an attribute its readers would
// take for data (every attribute of /summary is a summary key). Each is a 64-bit FNV-1a digest of
// the object's attributes except these, in name order, each as
//     name, NUL, type tag ('i' int64, 'u' uint64, 'f' float64, 's' UTF-8 string), value bytes
// with numbers as 8 little-endian bytes and strings as their bytes followed by NUL. They are written
// last and checked before any value is used; analysis/kringloop_io.py computes the same digest.
#pragma once
#include <hdf5.h>

#include <string>

namespace kringloop::sim::output {

// True for the names of the checksum attributes themselves (`checksum`, `*_checksum`).
bool is_checksum_attribute(const std::string& name);

// Writes the attribute `name` on `holder`: the digest of the attributes of `object`.
void write_attributes_checksum(hid_t holder, const std::string& name, hid_t object, const std::string& file);

// Throws IoError("<file>: damaged file: ...") when `holder` has the attribute `name` and it does not
// match the attributes of `object`. Files without it (earlier versions) are not checked.
void verify_attributes_checksum(hid_t holder, const std::string& name, hid_t object, const std::string& what,
                                const std::string& file);

}  // namespace kringloop::sim::output
