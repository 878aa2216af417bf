package shebao

import (
	"context"
	"time"
)

// ItemType is a kind of business item (业务事项).
type ItemType string

// Item types. The first three are decided at once by package handling;
// the others belong to the packages named beside them.
const (
	ItemEnroll       ItemType = "enroll"        // 新参保
	ItemResume       ItemType = "resume"        // 续保
	ItemStop         ItemType = "stop"          // 停保
	ItemBackpay      ItemType = "backpay"       // 个人补收: reviewed
	ItemDeclare      ItemType = "declare"       // 基数申报
	ItemRetireReview ItemType = "retire_review" // 退休预审
	ItemUnitChange   ItemType = "unit_change"   // 单位信息变更
	ItemPersonChange ItemType = "person_change" // 人员信息变更
	ItemProof        ItemType = "proof"         // 参保证明
	ItemCard         ItemType = "card"          // 社保卡制卡: counter only
	ItemRetirePay    ItemType = "retire_pay"    // 退休拨付: counter only
	ItemMaternity    ItemType = "maternity"     // 生育待遇支付: counter only
)

// ItemTypes lists the item types the handling engine decides at once.
var ItemTypes = []ItemType{ItemEnroll, ItemResume, ItemStop}

// AllItemTypes lists every item type, for statistics and filters.
var AllItemTypes = []ItemType{ItemEnroll, ItemResume, ItemStop, ItemBackpay, ItemDeclare, ItemRetireReview,
	ItemUnitChange, ItemPersonChange, ItemProof, ItemCard, ItemRetirePay, ItemMaternity}

// CounterOnly reports whether items of type t are taken at the counter only.
func (t ItemType) CounterOnly() bool {
	return t == ItemCard || t == ItemRetirePay || t == ItemMaternity
}

// Fund reports whether t is fund business (费款业务), as the office's
// statistics split items into fund items and others.
func (t ItemType) Fund() bool {
	return t == ItemBackpay || t == ItemDeclare
}

// ParseItemType returns the item type named s, one the engine decides.
func ParseItemType(s string) (ItemType, error) {
	for _, t := range ItemTypes {
		if string(t) == s {
			return t, nil
		}
	}
	return "", Invalid("type", ReasonUnknownItemType, s)
}

// Channel is where an item came from.
type Channel string

// Channels.
const (
	SelfService Channel = "self_service" // kiosk in the office's hall (intranet)
	Online      Channel = "online"       // internet
	Counter     Channel = "counter"      // a clerk at the counter
)

// Channels lists every channel.
var Channels = []Channel{SelfService, Online, Counter}

// ItemStatus is where an item stands.
type ItemStatus string

// Item statuses.
const (
	StatusApproved  ItemStatus = "approved"  // decided and applied
	StatusRefused   ItemStatus = "refused"   // decided: a rule refuses it; Reasons say why
	StatusInReview  ItemStatus = "in_review" // waiting for a reviewer
	StatusReturned  ItemStatus = "returned"  // a reviewer sent it back with a reason
	StatusWithdrawn ItemStatus = "withdrawn" // the unit withdrew it before review
)

// StopReason is why a person's insurance stops.
type StopReason string

// Stop reasons.
const (
	StopResignation StopReason = "resignation" // 辞职
	StopDismissal   StopReason = "dismissal"   // 解除劳动合同
	StopDeath       StopReason = "death"       // 死亡
	StopRetirement  StopReason = "retirement"  // 退休
	StopTransfer    StopReason = "transfer"    // 转出
)

// StopReasons lists every stop reason.
var StopReasons = []StopReason{StopResignation, StopDismissal, StopDeath, StopRetirement, StopTransfer}

// Item is one business item: a request by a unit about a person, with its
// decision. Every submission that passes input validation becomes an item,
// refused ones included, so that the unit and the office see every answer.
type Item struct {
	ID         int64
	Receipt    string // receipt number shown to the unit, e.g. SB2607080001234
	Type       ItemType
	UnitID     int64
	PersonID   int64
	Channel    Channel
	Terminal   string // kiosk terminal code, for self-service items
	Period     Period // the business period
	Status     ItemStatus
	Reasons    []string // reason codes of a refusal or return
	ReasonArgs []string // arguments of the first reason's message
	Wage       Fen      // declared monthly wage (enroll, resume)
	Base       Fen      // the base applied after clamping
	StopReason StopReason
	ClientKey  string // idempotency key: a repeated submission returns this item
	Payload    string // JSON details of item types beyond enroll/resume/stop (months, fields changed, …)
	Note       string // a reviewer's or clerk's note shown to the unit
	CreatedBy  int64  // account id
	CreatedAt  time.Time
	DecidedAt  time.Time

	// Replayed is set by a submission that found this item by its ClientKey
	// (a double click or a retry) instead of creating it; not stored.
	Replayed bool

	// Joined for display; not stored on the item.
	UnitName   string
	PersonName string
	IDNumber   string
}

// ItemFilter selects items.
type ItemFilter struct {
	UnitID   int64 // 0: all units (staff only)
	PersonID int64
	Type     ItemType
	Status   ItemStatus
	Channel  Channel
	// LateOnly keeps the enrollments and resumptions made late (Social
	// Insurance Law art. 58: ItemNotes.Late, docs/RULES.md#employment-registration).
	LateOnly bool
	From, To time.Time // on CreatedAt; zero: unbounded
	Limit    int
	Offset   int
}

// ReviewHook applies an item's effect when a reviewer approves it, or
// releases what it held when the item is returned or withdrawn. It runs in
// the transaction that changes the item's status. The package that owns an
// item type provides its hook; the review queue calls it.
type ReviewHook func(ctx context.Context, tx Tx, it Item, approved bool, at time.Time) error
