// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/api/ApiError.h"

namespace cowl::ui {

QString ApiError::displayText() const {
    if (field.isEmpty()) {
        return message;
    }
    return tr("%1 (field: %2)").arg(message, field);
}

} // namespace cowl::ui
