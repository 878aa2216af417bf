package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"shebao"
	"shebao/rules"
)

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
	given    = []rune("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕鹏辉斌宇浩凯健俊帆帅旭宁晨欣怡佳琪")
	places   = []string{"朝阳", "海淀", "东城", "西城", "丰台", "石景山", "通州", "顺义", "昌平", "大兴", "京华", "华北", "首都", "燕山", "长安", "和平"}
	trades   = []string{"科技", "物流", "建筑工程", "餐饮管理", "商贸", "信息技术", "医疗器械", "文化传媒", "物业管理", "机械制造", "教育咨询", "环保工程", "电子", "食品", "服装", "汽车服务"}
	forms    = []string{"有限公司", "有限责任公司", "股份有限公司"}
)

// gen makes deterministic identifiers and names for the demo district.
type gen struct {
	src   *rand.PCG
	r     *rand.Rand
	today shebao.Date
	ids   idSet
	codes map[string]bool
}

func newGen(today shebao.Date) *gen {
	src := rand.NewPCG(2026, 708)
	return &gen{src: src, r: rand.New(src), today: today, ids: idSet{other: map[string]bool{}}, codes: map[string]bool{}}
}

// idSet holds the ID numbers given out. Those idNumber makes (district 01
// to 15, born on day 1 to 28 of a month of idFrom to idTo, sequence below
// 1000) are bits of a fixed bitmap, about 25 MB however big the district,
// so that a city's seed does not grow with its people; the few others
// (personBorn's) are kept in a map.
type idSet struct {
	bits  []uint64
	other map[string]bool
}

const idFrom, idTo = 1966, 2004

// take reports whether id is new, and marks it given out.
func (s *idSet) take(id string) bool {
	i, ok := idIndex(id)
	if !ok {
		if s.other[id] {
			return false
		}
		s.other[id] = true
		return true
	}
	if s.bits == nil {
		s.bits = make([]uint64, ((idTo-idFrom+1)*12*28*15*1000+63)/64)
	}
	if s.bits[i/64]&(1<<(i%64)) != 0 {
		return false
	}
	s.bits[i/64] |= 1 << (i % 64)
	return true
}

// idIndex is id's bit in idSet, if it is of the form idNumber makes.
func idIndex(id string) (int, bool) {
	n := func(from, to int) int {
		v, _ := strconv.Atoi(id[from:to])
		return v
	}
	region, y, m, d, seq := n(4, 6), n(6, 10), n(10, 12), n(12, 14), n(14, 17)
	if region < 1 || region > 15 || y < idFrom || y > idTo || m < 1 || m > 12 || d < 1 || d > 28 {
		return 0, false
	}
	return (((((y-idFrom)*12+m-1)*28+d-1)*15+region-1)*1000 + seq), true
}

func (g *gen) name() string {
	n := string(surnames[g.r.IntN(len(surnames))]) + string(given[g.r.IntN(len(given))])
	if g.r.IntN(3) > 0 {
		n += string(given[g.r.IntN(len(given))])
	}
	return n
}

// idNumber returns a new valid 18-character ID number of a person born
// between the given years, of the given sex.
func (g *gen) idNumber(fromYear, toYear int, sex shebao.Sex) string {
	for {
		birth := shebao.NewDate(fromYear+g.r.IntN(toYear-fromYear+1), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28))
		seq := g.r.IntN(500)*2 + 1
		if sex == shebao.Female {
			seq--
		}
		first17 := fmt.Sprintf("1101%02d%s%03d", 1+g.r.IntN(15), birth.String()[0:4]+birth.String()[5:7]+birth.String()[8:10], seq)
		id := first17 + string(rules.IDCheckChar(first17))
		if g.ids.take(id) {
			return id
		}
	}
}

// creditCode returns a new valid unified social credit code of an
// enterprise (registration authority 9, type 1) in Beijing's Chaoyang district.
func (g *gen) creditCode() string {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	for {
		org := make([]byte, 8)
		for i := range org {
			org[i] = alphabet[g.r.IntN(len(alphabet))]
		}
		code, ok := rules.MakeCreditCode("91110105" + string(org))
		if ok && !g.codes[code] {
			g.codes[code] = true
			return code
		}
	}
}

func (g *gen) unitName() string {
	return places[g.r.IntN(len(places))] + trades[g.r.IntN(len(trades))] + forms[g.r.IntN(len(forms))]
}
