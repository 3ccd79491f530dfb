"""The stop words of PostgreSQL's configurations (its `english.stop`,
`french.stop` and `spanish.stop`, Snowball's lists, as PostgreSQL 15 ships them),
so that SQLite leaves them out of a query as PostgreSQL does.

Only the entries without accents: `unaccent` runs before the stemmer in our
configurations (migration 0002), so an accented entry ("été", "él") never meets
the word it lists, and PostgreSQL searches it as any other word. A word is a stop
word when its folded form (`text.fold`) is listed.
"""

STOP_WORDS = {
    "en": frozenset(
        """
        a about above after again against all am an and any are as at be because been
        before being below between both but by can did do does doing don down during
        each few for from further had has have having he her here hers herself him
        himself his how i if in into is it its itself just me more most my myself no nor
        not now of off on once only or other our ours ourselves out over own s same she
        should so some such t than that the their theirs them themselves then there
        these they this those through to too under until up very was we were what when
        where which while who whom why will with you your yours yourself yourselves
        """.split()
    ),
    "fr": frozenset(
        """
        ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez
        aurions aurons auront aux avaient avais avait avec avez aviez avions avons ayant
        ayante ayantes ayants ayez ayons c ce ces d dans de des du elle en es est et eu
        eue eues eurent eus eusse eussent eusses eussiez eussions eut eux furent fus
        fusse fussent fusses fussiez fussions fut il j je l la le leur lui m ma mais me
        mes moi mon n ne nos notre nous on ont ou par pas pour qu que qui s sa se sera
        serai seraient serais serait seras serez seriez serions serons seront ses soient
        sois soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un une
        vos votre vous y
        """.split()
    ),
    "es": frozenset(
        """
        a al algo algunas algunos ante antes como con contra cual cuando de del desde
        donde durante e el ella ellas ellos en entre era erais eran eras eres es esa
        esas ese eso esos esta estaba estabais estaban estabas estad estada estadas
        estado estados estamos estando estar estaremos estas este estemos esto estos
        estoy estuve estuviera estuvierais estuvieran estuvieras estuvieron estuviese
        estuvieseis estuviesen estuvieses estuvimos estuviste estuvisteis estuvo fue
        fuera fuerais fueran fueras fueron fuese fueseis fuesen fueses fui fuimos fuiste
        fuisteis ha habida habidas habido habidos habiendo habremos han has hasta hay
        haya hayamos hayan hayas he hemos hube hubiera hubierais hubieran hubieras
        hubieron hubiese hubieseis hubiesen hubieses hubimos hubiste hubisteis hubo la
        las le les lo los me mi mis mucho muchos muy nada ni no nos nosotras nosotros
        nuestra nuestras nuestro nuestros o os otra otras otro otros para pero poco por
        porque que quien quienes se sea seamos sean seas sentid sentida sentidas sentido
        sentidos seremos siente sin sintiendo sobre sois somos son soy su sus suya suyas
        suyo suyos tanto te tendremos tened tenemos tenga tengamos tengan tengas tengo
        tenida tenidas tenido tenidos teniendo ti tiene tienen tienes todo todos tu tus
        tuve tuviera tuvierais tuvieran tuvieras tuvieron tuviese tuvieseis tuviesen
        tuvieses tuvimos tuviste tuvisteis tuvo tuya tuyas tuyo tuyos un una uno unos
        vosostras vosostros vuestra vuestras vuestro vuestros y ya yo
        """.split()
    ),
}
