#ifndef AIMETER_SYS_H
#define AIMETER_SYS_H
#include <sys/types.h>

/// Reads the peer credentials (SO_PEERCRED) of a connected Unix socket.
/// Returns 0 on success and -1 with errno set on failure.
int aimeter_peer_credentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid);

#endif
