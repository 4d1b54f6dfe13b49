#ifndef AIMETER_CSYSTEMD_SHIM_H
#define AIMETER_CSYSTEMD_SHIM_H
#include <systemd/sd-daemon.h>
#endif
