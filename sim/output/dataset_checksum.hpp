// Damage detection for what HDF5's own checksums miss. Files are written with the latest format
// (create_hdf5_file): the superblock, object headers and chunk indexes carry checksums HDF5 checks
// on every read, and every numeric dataset chunk has a Fletcher-32 checksum (create_extendible).
// Not covered by HDF5: attributes kept in dense storage (a fractal heap without block checksums,
// used once an object has more than 8 attributes) and every variable-length string (the global
// heap) — so a flipped bit in a root attribute or the scenario text was read back silently.
//
// The `checksum` attribute closes that gap for the groups readers take values from (the root and
// /summary of run files, the root and /design of sweep files): a 64-bit FNV-1a digest of all other
// attributes, in name order, each as
//     name, NUL, type tag ('i' int64, 'u' uint64, 'f' float64, 's' UTF-8 string), value bytes
// with numbers as 8 little-endian bytes and strings as their bytes followed by NUL. It is written
// last and checked before any value is used; analysis/kringloop_io.py computes the same digest.
#pragma once
#include <hdf5.h>

#include <string>

namespace kringloop::sim::output {

// Writes (or rewrites) the `checksum` attribute of `object` from its other attributes.
void write_attributes_checksum(hid_t object, const std::string& file);

// Throws IoError("<file>: damaged file: ...") when `object` has a `checksum` attribute that does not
// match its attributes. Objects without one (files of earlier versions) are not checked.
void verify_attributes_checksum(hid_t object, const std::string& what, const std::string& file);

}  // namespace kringloop::sim::output
