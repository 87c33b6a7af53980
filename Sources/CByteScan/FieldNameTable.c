// Written by scripts/field_name_table.py: do not edit by hand.
#include "CByteScan.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the field name table holds little-endian words"
#endif

const uint64_t leadscreen_field_multiplier = 0x389c1ccfafef1ac1ULL;

const leadscreen_field_entry leadscreen_field_table[64] = {
    [1] = {0x0000006c69616d65ULL, 0x0000000000000000ULL, 5, 13},  // email
    [4] = {0x6e6f697461727564ULL, 0x0000000000000000ULL, 8, 20},  // duration
    [6] = {0x0000000065707974ULL, 0x0000000000000000ULL, 4, 0},  // type
    [7] = {0x0073736572646461ULL, 0x0000000000000000ULL, 7, 17},  // address
    [9] = {0x000072656c6c6163ULL, 0x0000000000000000ULL, 6, 19},  // caller
    [14] = {0x0000000000007374ULL, 0x0000000000000000ULL, 2, 2},  // ts
    [17] = {0x0000006574617473ULL, 0x0000000000000000ULL, 5, 16},  // state
    [18] = {0x64695f6b63696c63ULL, 0x0000000000000000ULL, 8, 10},  // click_id
    [19] = {0x7265727265666572ULL, 0x0000000000000000ULL, 8, 9},  // referrer
    [23] = {0x6e676961706d6163ULL, 0x0000000000000000ULL, 8, 3},  // campaign
    [25] = {0x000000000070697aULL, 0x0000000000000000ULL, 3, 15},  // zip
    [28] = {0x000000656e6f6870ULL, 0x0000000000000000ULL, 5, 14},  // phone
    [29] = {0x0000000000006175ULL, 0x0000000000000000ULL, 2, 6},  // ua
    [30] = {0x616e5f7473726966ULL, 0x656d616e5f747372ULL, 10, 11},  // first_name
    [35] = {0x0000006c6562616cULL, 0x0000000000000000ULL, 5, 24},  // label
    [36] = {0x6d616e5f7473616cULL, 0x656d616e5f747361ULL, 9, 12},  // last_name
    [37] = {0x0000656372756f73ULL, 0x0000000000000000ULL, 6, 4},  // source
    [41] = {0x0000000000006469ULL, 0x0000000000000000ULL, 2, 1},  // id
    [45] = {0x676e696b63617274ULL, 0x7265626d756e5f67ULL, 15, 21},  // tracking_number
    [47] = {0x73745f6b63696c63ULL, 0x0000000000000000ULL, 8, 22},  // click_ts
    [48] = {0x00746e65736e6f63ULL, 0x0000000000000000ULL, 7, 18},  // consent
    [49] = {0x00000000006c7275ULL, 0x0000000000000000ULL, 3, 8},  // url
    [51] = {0x696b5f6475617266ULL, 0x646e696b5f647561ULL, 10, 25},  // fraud_kind
    [54] = {0x0064726f7779656bULL, 0x0000000000000000ULL, 7, 7},  // keyword
    [55] = {0x65725f6b63696c63ULL, 0x736e6f736165725fULL, 13, 23},  // click_reasons
    [61] = {0x0000000000007069ULL, 0x0000000000000000ULL, 2, 5},  // ip
};
