// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace cowl::node {

// SHA-256 of the certificate's DER encoding, 64 lowercase hex: what the
// console pins and what the connection string carries. Reads the first
// certificate of a PEM; throws PkiError when there is none.
std::string certificateFingerprint(const std::string& certificatePem);

} // namespace cowl::node
