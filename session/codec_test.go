package session

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// TestCodec: a session's values come back as they were stored, in the
// codec's form and from a session gob stored before it; a damaged session
// is an error, not a login.
func TestCodec(t *testing.T) {
	deadline := time.Date(2026, 7, 8, 17, 0, 0, 123, time.UTC)
	values := map[string]any{keyAccount: int64(7), keyRole: "operator", keyUnit: int64(-1), keyTerminal: "", keySeen: int64(1783500000)}
	b, err := codec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	old, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	for name, stored := range map[string][]byte{"codec": b, "gob": old} {
		d, v, err := codec{}.Decode(stored)
		if err != nil || !d.Equal(deadline) || !reflect.DeepEqual(v, values) {
			t.Errorf("%s: got %v %v %v, want %v %v", name, d, v, err, deadline, values)
		}
	}
	for i := len(magic); i < len(b); i++ {
		if _, _, err := (codec{}).Decode(b[:i]); err == nil {
			t.Errorf("truncated to %d bytes: no error", i)
		}
	}
	if _, _, err := (codec{}).Decode(append(bytes.Clone(b), 0)); err == nil {
		t.Error("trailing byte: no error")
	}
	other := map[string]any{"flag": true}
	b, err = codec{}.Encode(deadline, other)
	if err != nil {
		t.Fatal(err)
	}
	if _, v, err := (codec{}).Decode(b); err != nil || !reflect.DeepEqual(v, other) {
		t.Errorf("other types (by gob): %v %v", v, err)
	}
}

// TestCodecKeysNotAllocated: every request decodes its session, and the
// Manager's own keys come back without an allocation each: a session of
// its keys decodes with as many fewer allocations than the same values
// under other keys.
func TestCodecKeysNotAllocated(t *testing.T) {
	own := map[string]any{keyKind: "api", keyGen: int64(3), keyAccount: int64(7), keyRole: "operator", keyUnit: int64(2),
		keyUsername: "demo-a", keyChannel: "online", keyTerminal: "", keySeen: int64(1783500000)}
	other := map[string]any{}
	for k, v := range own {
		other["x"+k] = v
	}
	allocs := func(values map[string]any) float64 {
		b, err := codec{}.Encode(time.Now(), values)
		if err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(100, func() {
			if _, _, err := (codec{}).Decode(b); err != nil {
				t.Fatal(err)
			}
		})
	}
	if a, o := allocs(own), allocs(other); o-a < float64(len(own)) {
		t.Errorf("decoding a session allocates %v times with the Manager's keys, %v with others: want %d fewer", a, o, len(own))
	}
}
