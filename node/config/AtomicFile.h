// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace cowl::node {

// Small files the node writes once and must never find half-written (config,
// keys, certificates): write a temporary file with its final mode, fsync,
// rename over the target, fsync the directory. Throws std::runtime_error
// naming the path and the OS error.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content, mode_t mode);

// Whole-file read; throws std::runtime_error naming the path when it cannot.
std::string readWholeFile(const std::filesystem::path& path);

} // namespace cowl::node
