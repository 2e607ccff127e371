/* COLLECT: the regular files of /box, sent to the engine between stages. */
#ifndef WARMBOX_COLLECT_H
#define WARMBOX_COLLECT_H

void collect_box(void);

#endif
