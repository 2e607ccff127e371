/* The supervisor's file-system identity: the sandbox user's in its places, else root's. */
#ifndef WARMBOX_FS_IDENTITY_H
#define WARMBOX_FS_IDENTITY_H

void fs_become_sandbox_user(void);
void fs_become_root(void);

#endif
