package session

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/alexedwards/scs/v2"
)

// codec stores a session's values, all strings and int64s, in a compact
// form of its own: every authenticated request decodes its session, and
// scs's gob codec, which sends and compiles the type description anew for
// each session, took a quarter of the CPU of authenticating a request
// (docs/PERFORMANCE.md). A session holding any other type of value is
// stored by gob, and sessions stored by gob (before this codec) still
// decode: no gob stream starts with a zero byte.
type codec struct{}

// magic starts a session in codec's form.
var magic = []byte{0, 'S', 1}

func (codec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	b := append([]byte(nil), magic...)
	b = binary.AppendVarint(b, deadline.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(values)))
	for k, v := range values {
		b = appendString(b, k)
		switch v := v.(type) {
		case string:
			b = appendString(append(b, 's'), v)
		case int64:
			b = binary.AppendVarint(append(b, 'i'), v)
		default:
			return scs.GobCodec{}.Encode(deadline, values)
		}
	}
	return b, nil
}

func (codec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != string(magic) {
		return scs.GobCodec{}.Decode(b)
	}
	d := decoder{b: b[len(magic):]}
	deadline := time.Unix(0, d.varint())
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		return time.Time{}, nil, errCorrupt
	}
	values := make(map[string]any, n)
	for range n {
		k := d.key()
		switch d.byte() {
		case 's':
			values[k] = d.string()
		case 'i':
			values[k] = d.varint()
		default:
			d.err = errCorrupt
		}
	}
	if d.err != nil || len(d.b) != 0 {
		return time.Time{}, nil, errCorrupt
	}
	return deadline, values, nil
}

var errCorrupt = errors.New("session: stored session is corrupt")

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// decoder reads codec's form; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() { d.err, d.b = errCorrupt, nil }

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// key reads a value's key: one of the Manager's own keys without
// allocating (every request decodes its session), any other as read.
func (d *decoder) key() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	b := d.b[:n]
	d.b = d.b[n:]
	for _, k := range keys {
		if string(b) == k {
			return k
		}
	}
	return string(b)
}

// keys are the keys of the values a Manager puts in a session.
var keys = [...]string{keyKind, keyGen, keyAccount, keyRole, keyUnit, keyUsername, keyChannel, keyTerminal, keySeen, keyCSRF}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
