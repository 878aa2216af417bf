package shebao

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// ChainHash returns the hash that seals e in the audit log's chain: SHA-256,
// in hex, over prev (the hash of the entry before it, "" for the first) and
// e's canonical content: its ID (its position in the log), time in unix
// microseconds, actor, action, the ids it names and their snapshot, and its
// detail, each field length-prefixed so that no two entries encode alike.
// Changing any field of any entry, or removing or reordering entries, breaks
// the chain from there on (docs/SECURITY.md, "Security audit").
func (e AuditEntry) ChainHash(prev string) string {
	h := sha256.New()
	var n [8]byte
	num := func(v int64) {
		binary.BigEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	str := func(s string) {
		num(int64(len(s)))
		h.Write([]byte(s))
	}
	str("shebao-audit-v1")
	str(prev)
	num(e.ID)
	num(unixMicros(e.At))
	num(e.AccountID)
	for _, s := range []string{e.Username, string(e.Role), string(e.Channel), e.Terminal, e.Action} {
		str(s)
	}
	num(e.UnitID)
	num(e.PersonID)
	num(e.ItemID)
	for _, s := range []string{e.Detail, e.UnitName, e.CreditCode, e.PersonName, e.IDNumber} {
		str(s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// unixMicros is t in unix microseconds, 0 for the zero time, as the store
// keeps it.
func unixMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}
