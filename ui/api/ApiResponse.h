// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QByteArray>
#include <nlohmann/json.hpp>

#include "ui/api/ApiError.h"

namespace cowl::ui {

// One finished API call: the decoded body on success, the error otherwise.
struct ApiResponse {
    int httpStatus = 0;
    nlohmann::json body;
    std::optional<ApiError> error;

    bool ok() const { return !error.has_value(); }
};

using ApiCallback = std::function<void(const ApiResponse&)>;

} // namespace cowl::ui
