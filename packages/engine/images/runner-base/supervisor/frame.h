/* Frames of the protocol stream (PROTOCOL.md): engine frames in on fd 0, ours out on fd 1. */
#ifndef WARMBOX_FRAME_H
#define WARMBOX_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "protocol.h"

int frame_fill(void); /* one read of the protocol stream; 0 at EOF */
int frame_next(uint8_t *type, const uint8_t **payload, size_t *len);
void frame_send(enum frame_type type, const void *payload, size_t len);

/* The little-endian integers of frame payloads. */
static inline uint32_t get_u16(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8; }
static inline uint32_t get_u32(const uint8_t *p) { return get_u16(p) | get_u16(p + 2) << 16; }
static inline uint64_t get_u64(const uint8_t *p) { return get_u32(p) | (uint64_t)get_u32(p + 4) << 32; }
static inline void put_u32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = v >> (8 * i); }
static inline void put_u64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = v >> (8 * i); }

#endif
