package register

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzReadTable: no file crashes the reader, and every row it returns has
// a cell per column of its kind.
func FuzzReadTable(f *testing.F) {
	f.Add([]byte("credit_code,name,risk_class\n91110105MA01ABCD1X,某公司,3\n"), "units.csv")
	f.Add([]byte("\ufeff身份证号码,姓名\n110105199001011234,张三\n,\n\n"), "persons.csv")
	f.Add([]byte("id_number,credit_code,insurance,from,to,base\n\"a,b\",c\"\n"), "coverages.csv")
	f.Add([]byte("PK\x03\x04garbage"), "bases.xlsx")
	f.Add([]byte{0xb9, 0xfa, 0x2c, 0xff, 0xfe}, "operators.csv")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		for _, k := range []kind{unitsKind, personsKind, coveragesKind, basesKind, registrationsKind, operatorsKind} {
			tb, p := readTable(name, bytes.NewReader(data), k)
			if p != nil {
				continue
			}
			_ = tb.each(func(r row) error {
				if len(r.cells) != len(k.columns) || r.n < 2 {
					t.Fatalf("row %d has %d cells for %d columns", r.n, len(r.cells), len(k.columns))
				}
				for _, c := range k.columns {
					_ = r.get(c.key)
				}
				return nil
			})
			tb.close()
		}
	})
}

// validUTF8 reads a stream a block at a time: a character cut by a block's
// end is whole in the next; GB18030 bytes are not UTF-8.
func TestValidUTF8(t *testing.T) {
	for _, c := range []struct {
		data string
		want bool
	}{
		{strings.Repeat("a", 1<<16-1) + "中文", true},
		{strings.Repeat("a", 1<<16-2) + "中", true},
		{strings.Repeat("a", 1<<16-1) + "\xe4\xb8", false}, // cut at the end of the file
		{"\xd6\xd0\xce\xc4", false},                        // 中文 in GB18030
		{"", true},
	} {
		got, err := validUTF8(strings.NewReader(c.data))
		if err != nil || got != c.want {
			t.Errorf("%d bytes ending %q: %v %v, want %v", len(c.data), c.data[max(0, len(c.data)-4):], got, err, c.want)
		}
	}
}
