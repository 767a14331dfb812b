// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

// Reads tests/data/<relative>; token and secret files lose their final newline.
inline std::string readFixture(const std::string& relative) {
    const std::string path = std::string(COWL_TEST_DATA_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing test fixture " + path);
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    const bool pem = relative.size() > 4 && relative.compare(relative.size() - 4, 4, ".pem") == 0;
    while (!pem && !text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}
