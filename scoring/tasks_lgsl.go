package scoring

import (
	_ "embed"
	"encoding/csv"
	"strconv"
	"strings"
	"sync"
)

// lgslCSV is GOV.UK's list of local-authority services with the tier that
// provides each (see data/lgsl-services.SOURCE.md).
//
//go:embed data/lgsl-services.csv
var lgslCSV string

// LGSLService is one service of the Local Government Services List, as
// GOV.UK lists it.
type LGSLService struct {
	Code        int
	Description string
	// Tier is GOV.UK's providing tier: "district/unitary",
	// "county/unitary" or "all".
	Tier string
}

// Services reports which kinds of council provide the service, as
// Services: LowerTier for district/unitary, UpperTier for county/unitary,
// both for all. GOV.UK's list does not cover Northern Ireland.
func (s LGSLService) Services() Services {
	switch s.Tier {
	case "district/unitary":
		return LowerTier
	case "county/unitary":
		return UpperTier
	case "all":
		return LowerTier | UpperTier
	}
	return 0
}

// LGSLServices returns the embedded list, sorted by code.
var LGSLServices = sync.OnceValues(func() ([]LGSLService, error) {
	recs, err := csv.NewReader(strings.NewReader(lgslCSV)).ReadAll()
	if err != nil {
		return nil, err
	}
	var list []LGSLService
	for _, r := range recs[1:] {
		code, err := strconv.Atoi(r[0])
		if err != nil {
			return list, err
		}
		list = append(list, LGSLService{Code: code, Description: r[1], Tier: r[2]})
	}
	return list, nil
})

// LookupLGSL returns the service with the LGSL code.
func LookupLGSL(code int) (LGSLService, bool) {
	list, _ := LGSLServices()
	for _, s := range list {
		if s.Code == code {
			return s, true
		}
	}
	return LGSLService{}, false
}
