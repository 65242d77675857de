package simweb

import "github.com/councilbench/councilbench"

// council returns a test council.
func council(code, name string, tier councilbench.Tier, nation, website string) councilbench.Council {
	return councilbench.Council{Code: code, Name: name, Tier: tier, Nation: nation, Region: "Test", Website: website}
}

// demoCouncils returns about 40 councils of every tier, like the demo's:
// two sharing a site, Welsh and Northern Irish ones, http and https URLs,
// apex hosts and home pages at paths.
func demoCouncils() []councilbench.Council {
	const (
		sd = councilbench.TierShireDistrict
		co = councilbench.TierCounty
		un = councilbench.TierUnitary
		me = councilbench.TierMetropolitan
		lb = councilbench.TierLondonBorough
		ni = councilbench.TierDistrict
	)
	return []councilbench.Council{
		council("ADU", "Adur District Council", sd, "England", "https://www.adur-worthing.gov.uk/"),
		council("WOT", "Worthing Borough Council", sd, "England", "https://www.adur-worthing.gov.uk/"),
		council("ASF", "Ashford Borough Council", sd, "England", "https://www.ashford.gov.uk/"),
		council("CAT", "Canterbury City Council", sd, "England", "https://www.canterbury.gov.uk/"),
		council("DOV", "Dover District Council", sd, "England", "http://www.dover.gov.uk/"),
		council("EDE", "East Devon District Council", sd, "England", "http://eastdevon.gov.uk"),
		council("SHE", "Folkestone and Hythe District Council", sd, "England", "https://www.folkestone-hythe.gov.uk/home"),
		council("MAI", "Maidstone Borough Council", sd, "England", "http://www.maidstone.gov.uk"),
		council("THA", "Thanet District Council", sd, "England", "http://thanet.gov.uk/"),
		council("HER", "Hertsmere Borough Council", sd, "England", "https://www.hertsmere.gov.uk/home.aspx"),
		council("NWA", "North Warwickshire Borough Council", sd, "England", "https://www.northwarks.gov.uk/site/"),
		council("UTT", "Uttlesford District Council", sd, "England", "https://www.uttlesford.gov.uk/home"),
		council("TUN", "Tunbridge Wells Borough Council", sd, "England", "https://www.tunbridgewells.gov.uk/"),
		council("LEE", "Lewes District Council", sd, "England", "https://www.lewes-eastbourne.gov.uk"),
		council("CAM", "Cambridgeshire County Council", co, "England", "https://www.cambridgeshire.gov.uk/"),
		council("DEV", "Devon County Council", co, "England", "https://new.devon.gov.uk/"),
		council("KEN", "Kent County Council", co, "England", "http://www.kent.gov.uk/"),
		council("ESX", "East Sussex County Council", co, "England", "http://www.eastsussex.gov.uk/"),
		council("CON", "Cornwall Council", un, "England", "https://www.cornwall.gov.uk/"),
		council("BPL", "Blackpool Council", un, "England", "https://www.blackpool.gov.uk/Home.aspx"),
		council("BGW", "Blaenau Gwent County Borough Council", un, "Wales", "https://www.blaenau-gwent.gov.uk/"),
		council("CAY", "Caerphilly County Borough Council", un, "Wales", "http://www.caerphilly.gov.uk"),
		council("CMN", "Carmarthenshire County Council", un, "Wales", "https://www.carmarthenshire.gov.wales/home/council-services/"),
		council("VGL", "Vale of Glamorgan Council", un, "Wales", "https://valeofglamorgan.gov.uk/en/index.aspx"),
		council("ABE", "Aberdeen City Council", un, "Scotland", "https://www.aberdeencity.gov.uk/"),
		council("FIF", "Fife Council", un, "Scotland", "https://www.fife.gov.uk/"),
		council("WIL", "Wiltshire Council", un, "England", "http://www.wiltshire.gov.uk"),
		council("LDS", "Leeds City Council", me, "England", "https://www.leeds.gov.uk/"),
		council("WGN", "Wigan Metropolitan Borough Council", me, "England", "http://www.wigan.gov.uk"),
		council("STY", "South Tyneside Council", me, "England", "http://www.southtyneside.gov.uk"),
		council("WLV", "City of Wolverhampton Council", me, "England", "http://www.wolverhampton.gov.uk"),
		council("SHF", "Sheffield City Council", me, "England", "https://www.sheffield.gov.uk/"),
		council("LND", "City of London Corporation", lb, "England", "https://www.cityoflondon.gov.uk/"),
		council("BNE", "London Borough of Barnet", lb, "England", "https://www.barnet.gov.uk/"),
		council("CRY", "London Borough of Croydon", lb, "England", "http://www.croydon.gov.uk"),
		council("HCK", "London Borough of Hackney", lb, "England", "https://hackney.gov.uk/"),
		council("ANN", "Antrim and Newtownabbey Borough Council", ni, "Northern Ireland", "https://antrimandnewtownabbey.gov.uk/"),
		council("AND", "Ards and North Down Borough Council", ni, "Northern Ireland", "https://www.ardsandnorthdown.gov.uk/"),
		council("BFS", "Belfast City Council", ni, "Northern Ireland", "https://www.belfastcity.gov.uk"),
		council("EAS", "Eastbourne Borough Council", sd, "England", "https://www.lewes-eastbourne.gov.uk"),
	}
}
