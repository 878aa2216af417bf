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
