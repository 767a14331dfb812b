// SPDX-License-Identifier: GPL-3.0-or-later
// Keeps cowl-ui a valid library until the first widget lands.
namespace cowl::ui {
int placeholder() { return 0; }
}
