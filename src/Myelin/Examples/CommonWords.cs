namespace Myelin.Examples;

/// <summary>
/// About two thousand common English words (letters a–z only), built into the library so that the character-level
/// examples and their tests run on machines without a word file.
/// </summary>
public static class CommonWords
{
    const string Text = """
        ability about above absence absolute academic accepted accident according account accurate achieve acquire
        across action activity actually addition address adequate adjust admiral admire adventure advice affect afford
        afraid after afternoon again against age agency agenda ago agree air airport alcohol alive all allowance almost
        alone along alphabet already also altogether always amazing ambition among amount ancient anger angle animal
        ankle announce annual another answer anxiety any anybody anything anyway apart apartment apparent appeal appear
        appetite applause apple appoint approach approval area argument arm army around arrange arrival arrive art
        article artist ashamed ask assemble assistant athlete atmosphere attack attempt attend attitude attract audience
        author autumn available average avoid awake award aware away awful baby back bad bag balance ball balloon
        bandage bank banner bargain barrel base basket bathroom battery battle beach bear beard beast beat beautiful
        beauty because become bed bedroom beetle before begin beginning behavior behind belief believe belong below
        beneath benefit beside best better between beyond bicycle big billion biology bird birthday biscuit black
        blanket blood blossom blue board boat body bone book border born borrow both bother bottle bottom boundary box
        boy bracelet brain branch bread break breakfast breath breathe brick bride bridge brief bright brilliant bring
        broad broken bronze brother brown brush bubble bucket budget buffalo build builder building bullet bundle burden
        burn business busy butter button buy cabbage cabin cable calendar call came camera camp campaign can canal
        cancel candle canvas capable capital captain capture car carbon card care career careful carpet carriage carrot
        carry cartoon case castle casual cat catalog catch category cattle cause caution ceiling celebrate cell cement
        center century ceremony certain certainly chair chalk challenge champion chance change channel chapter character
        charge charity charming check cheerful cheese chemical cherry chicken chief child childhood chimney chocolate
        choice choose church circle circus citizen city civilian claim class classic classroom clean clear climate climb
        clinic clock close closet cloth clothing cloud cluster coast coat coffee cold collar collect college colony
        color column combine come comfort command comment commerce committee common community companion company compare
        compete complain complete complex computer concern concert conclude concrete condition conduct confirm conflict
        confuse connect conscious consider consist constant contact contain content contest context continue contract
        contrast control convince cook cool copy corn corner correct cost cottage cotton could council count counter
        country couple courage course cousin cover cow coward crayon crazy create credit crisis critic cross crowd cry
        crystal culture curious current curtain cushion customer cut damage dance danger dangerous dark daughter day
        daylight dead deal dear death decade decide decimal decision declare decline decorate decrease deep defend
        define degree delay delicate delight deliver demand dentist depart depend deposit depth describe desert deserve
        design desire despite destroy detail detect develop device diamond diary dictionary did die diet differ
        difficult digital dignity dilemma dimension dinner dinosaur direct direction dirty disagree disaster discount
        discover discuss disease dismiss display distance distant district disturb diverse divide divorce doctor
        document does dog dollar domestic done donkey door double down dragon drama draw drawer dream dress dresser
        drift drill drink drive driver drop drought drum dry during dust duty each eager eagle early earth east eastern
        easy eat economy edge edition educate effect effort egg eight either elbow elderly elect electric elegant
        element elephant elevator else embrace emerge emotion emphasis employ empty enable encounter encourage end
        endless enemy energy engine engineer enjoy enormous enough enter entire entrance envelope episode equal equation
        equipment escape essay essential estate estimate even evening event ever every evidence evil exact exactly
        examine example excellent except exchange excited exciting exclude excuse exercise exhibit exist exit expand
        expect expense experience expert explain explore export expose express extend extra extreme eye fabric face fact
        factor factory failure fair faith fall false familiar family famous fancy fantasy far farm fashion fast fatal
        father faucet favorite fear feather feature federal feed feel feet female fence festival fever fiction field
        fifteen fifty fight figure fill final finance find fine finger finish fire first fish fitness five flavor flight
        float flood floor flour flower fluid fly focus folder folk follow food foot force forest forever forget forgive
        form fortune forward found fountain four fraction fragile frame free freedom freeze frequent fresh friend
        friendly frighten from front frozen fruit full funny furniture future galaxy gallery game garage garbage garden
        garlic gas gather gave gender general generous genius gentle gesture get giant ginger giraffe girl give glad
        glance glass global glove gold golden good gossip govern government graceful gradual graduate grain grammar
        grandfather grass grateful gravity great green grocery ground group grow growth guard guess guest guide guitar
        habit hair half hammer hand handle happen happy harbor hard harvest hatred have head headline health hear heart
        heat heaven heavy height helmet help here high highway hill history hobby hold hole holiday hollow home honest
        honey hope horizon horror horse hospital host hot hotel hour house household however huge human hundred hunger
        hunt hurry husband idea identity ignore illness image imagine impact import impress improve inch incident
        include income increase indeed index indicate industry infant inflation inform initial injury innocent inquiry
        insect inside inspire install instance instant instead institute insurance intend interest interior internal
        interview invent invest invite involve iron island issue jacket jealous jewel join journey joy judge jump just
        justice kangaroo keep kettle key keyboard kidney kind king kingdom kitchen kitten knew knife know knowledge
        ladder lady lake land landscape language laptop large largely last late laugh laundry law lawyer layer lead
        leader learn least leather leave lecture left legal legend leisure lemon length less lesson letter level liberty
        library license lie life lifetime lift light like limit line linen lion liquid list listen little live lizard
        lobster local lonely long look lost loud love low loyal luggage lumber lunch luxury machine made magazine magic
        magnet magnificent main maintain major majority make mammal man manage manner mansion many map marble margin
        mark market marriage massive master match material matter may mayor meadow mean meaning measure meat medal
        medicine medium meet meeting melody melon member memory mention merchant mercy message metal method middle
        midnight might migrate mile military milk million mind mineral minimum minister minute miracle mirror miss
        mission mistake mixture mobile moderate modern modest moisture moment money monitor monkey monster month
        monument moon more morning mosquito most mother motion motor mountain mouth move much muscle museum mushroom
        music musical must mystery name narrow nasty nation native natural nature navy near nearby neatly necessary neck
        necklace need needle negative neighbor nephew nervous network neutral never new next nickel niece night nine
        nobody noise normal north northern nose note notebook nothing notice noun novel nuclear number nurse nutrient
        oatmeal obey object observe obtain obvious occasion occupy occur ocean offense offer office official often oil
        old olive once onion only open opinion opposite orange orbit orchestra order ordinary organ origin ostrich other
        our out outcome outdoor outline output outside oven over overcome own owner oxygen package paddle page painful
        paint painter pair palace panel panic paper parade paragraph pardon parent parking part partner party pass
        passage passenger passion past path patience patient pattern pay peace peanut pencil penguin pension people
        pepper perfect perform perfume perhaps period permit person persuade phrase physical piano pickle picnic picture
        piece pigeon pillow pilot pioneer pitch place plain plan plane planet plant plastic platform play pleasant
        please pleasure plenty plural pocket poem poetry point poison police policy polite pollution poor popular
        portion portrait position positive possess possible postcard potato pottery pound poverty powder power powerful
        practice praise predict prefer pregnant premium prepare presence present preserve president press pressure
        pretty prevent price pride primary prince print printer priority prison private prize probable problem process
        produce product profit program progress project promise promote proper property proposal prospect protect proud
        prove provide public pudding pull pumpkin punish puppy purchase purple purpose push put puzzle pyramid quality
        quantity quart quarter queen question quick quiet quite quotient rabbit raccoon race radio railroad rain rainbow
        raise ran random rapid rarely rather razor reach reaction read reader ready real reality reason receipt receive
        recipe recognize recommend record recover reduce reflect reform refuse regard region regular reject relative
        release relief religion remain remark remember remind remote remove rent repair repeat replace reply report
        represent request require rescue research reserve resident resource respect respond response rest restaurant
        result retire return reveal revenue review reward rhythm ribbon rich ride rifle right ring rise rival river road
        robot rock rocket roll romantic room root rope rose rough round routine row royal rubber rule rumor run rural
        saddle sadness safe said sail salad salary salt same sample sand sandwich satellite satisfy sauce sausage save
        say scale scatter scene schedule scholar school science scissors score scream screen script sculpture search
        season seat second secret section secure see seed seem segment select self sell send senior sense sensible
        sentence serious servant serve session settle seven several shadow shallow shape share sharp sheep shell shelter
        sheriff shield shine ship shiver shock shoe shop short shortly should shoulder shout show shower shrimp side
        sight sign signal signature silence silent silly silver similar simple simply since sincere sing single sister
        sit six size sketch skill skin skirt sky sleep slender slice slogan slow small smell smile smooth snake snow
        soccer social society socket sofa soft soil solar soldier solid solution some someone somewhere song soon sound
        source south southern space spare speak speaker special species speed spell spend spider spinach spirit splendid
        sponge sponsor spoon spring square squirrel stable stadium staff stairs stamp stand standard star start state
        station statue stay steady steam steel step stick sticky still stomach stone stood stop storage store storm
        story stove straight strange stranger strategy straw stream street strength stretch strict string strong
        structure struggle student studio study stuff style subject substance subtract subway success sudden suffer
        suffix sugar suggest suitable summer summit sun sunlight sunset superb supper supply support sure surface
        surgeon surprise surround survey survive suspect swallow sweater sweet swim swing sword symbol sympathy system
        table tablet tactic tail take talent talk tall target task taste taxi teach teacher team technique teenager
        teeth telephone television tell temperature temple ten tenant tender tennis term terrible territory test text
        texture than thank that theater their them theme then theory therapy there these thick thin thing think third
        thirsty this those though thought thousand thread threat three thrill through throw thumb thunder ticket tiger
        timber tiny tissue title toast tobacco today toddler together toilet told tomato tomorrow tone tongue tonight
        too took tool tooth topic tornado tortoise total touch tourist toward towel tower town track trade traffic
        tragedy trail train transfer transport trash travel treasure treaty tree tremble trend trial triangle tribe
        trick trip trophy tropical trouble truck true trumpet trust truth try tube tunnel turkey turn turtle twelve
        twenty twice two type umbrella uncle uncover under understand uniform union unit universe unknown unless until
        unusual update upgrade upon upset urban useful usual usually vacation vacuum valid valley value vanilla vapor
        various vast vegetable vehicle velvet vendor venture verb version very vessel veteran victim victory video
        village vinegar violin virtue virus visible vision visit visitor vital vivid vocabulary voice volcano volume
        volunteer vowel voyage wagon wait waiter walk wall walnut want warm warrior wash watch water wave weapon wear
        weather website wedding week weekend weight welcome welfare well west western whale what wheel when where which
        while whisper whistle white whole why wide widow width wife wild wilderness will win wind window wing winner
        winter wire wisdom wish with witness wizard woman wonder wonderful wood wooden word work worker world worry
        worth would wrist write writer wrong yard year yellow yes yesterday yet yogurt young youth zebra
        """;

    static readonly string[] words = WordList.Parse(Text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).ToArray();

    /// <summary>The words, sorted and without duplicates.</summary>
    public static IReadOnlyList<string> Words => words;
}
