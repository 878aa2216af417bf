package shebao

import "time"

// ItemType is a kind of business item (业务事项).
type ItemType string

// Item types handled by the engine.
const (
	ItemEnroll ItemType = "enroll" // 新参保
	ItemResume ItemType = "resume" // 续保
	ItemStop   ItemType = "stop"   // 停保
)

// ItemTypes lists the item types a unit can submit for a person.
var ItemTypes = []ItemType{ItemEnroll, ItemResume, ItemStop}

// ParseItemType returns the item type named s.
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
	CreatedBy  int64  // account id
	CreatedAt  time.Time
	DecidedAt  time.Time

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
	From, To time.Time // on CreatedAt; zero: unbounded
	Limit    int
	Offset   int
}
