"""`sensorbot demo`: what the command prints and the texts of the demo page."""

MESSAGES = {
    # -- the command --------------------------------------------------------------------
    "demo.cli.serving": {
        "nb": "Sensorbot-demoen kjører: åpne {url} i nettleseren.",
        "en": "The Sensorbot demo is running: open {url} in your browser.",
    },
    "demo.cli.local_only": {
        "nb": "Den svarer bare på denne maskinen (127.0.0.1) og er til å prøve og øve på, "
        "aldri til bruk med ekte sensorer og karakterer.",
        "en": "It answers on this computer only (127.0.0.1) and is for trying and training, "
        "never for real graders and grades.",
    },
    "demo.cli.folder": {
        "nb": "Databasen og eksempelrosteren ligger i {path}.",
        "en": "The store and the sample roster are in {path}.",
    },
    "demo.cli.stop": {
        "nb": "Trykk Ctrl-C for å stoppe.",
        "en": "Press Ctrl-C to stop.",
    },
    "demo.cli.port_taken": {
        "nb": "Kan ikke bruke port {port} på 127.0.0.1 ({detail}). Velg en annen med --port.",
        "en": "Cannot use port {port} on 127.0.0.1 ({detail}). Choose another with --port.",
    },
    # -- the people on the page ----------------------------------------------------------
    "demo.role.grader": {"nb": "sensor", "en": "grader"},
    "demo.role.external": {"nb": "ekstern sensor", "en": "external grader"},
    "demo.role.consultant": {"nb": "studiekonsulent", "en": "study consultant"},
    # -- the page -----------------------------------------------------------------------
    "demo.page.title": {
        "nb": "Sensorbot – lokalt arbeidsområde",
        "en": "Sensorbot – local workspace",
    },
    "demo.page.local_only": {
        "nb": "Bare på denne maskinen (127.0.0.1), til å prøve og øve på – aldri i produksjon. "
        "Her er det ingen ekte Slack og ingen ekte karakterer.",
        "en": "On this computer only (127.0.0.1), for trying and training – never for "
        "production. There is no real Slack here and there are no real grades.",
    },
    "demo.page.show_as": {"nb": "Vis som", "en": "Show as"},
    "demo.page.messages": {"nb": "Meldinger", "en": "Messages"},
    "demo.page.home": {"nb": "Hjem", "en": "Home"},
    "demo.page.compose": {
        "nb": "Skriv til Sensorbot, eller en kommando som /sensur hjelp",
        "en": "Write to Sensorbot, or a command such as /sensur help",
    },
    "demo.page.send": {"nb": "Send", "en": "Send"},
    "demo.page.share_file": {"nb": "Del en fil", "en": "Share a file"},
    "demo.page.only_you": {"nb": "Bare synlig for deg", "en": "Only visible to you"},
    "demo.page.download": {"nb": "Last ned", "en": "Download"},
    "demo.page.time_travel": {"nb": "Tidsreise", "en": "Time travel"},
    "demo.page.time_travel_help": {
        "nb": "Kjør en runde i planleggeren på et tidspunkt du velger, slik sensorbot tick "
        "--now gjør: påminnelser, passerte frister og purringer.",
        "en": "Run a scheduler pass at a moment you choose, as sensorbot tick --now does: "
        "reminders, overdue notices and nudges.",
    },
    "demo.page.run_pass": {"nb": "Kjør runden", "en": "Run the pass"},
    "demo.page.cancel": {"nb": "Avbryt", "en": "Cancel"},
    "demo.page.submit": {"nb": "Send inn", "en": "Submit"},
    "demo.page.choose": {"nb": "Velg …", "en": "Choose …"},
    "demo.page.no_home": {
        "nb": "Sensorbot har ikke vist noe på Hjem-fanen ennå.",
        "en": "Sensorbot has not shown anything on the Home tab yet.",
    },
    "demo.page.empty_dm": {"nb": "Ingen meldinger ennå.", "en": "No messages yet."},
    "demo.page.requests": {
        "nb": "Siste forespørsler til appen",
        "en": "Latest requests to the app",
    },
    "demo.page.refused": {
        "nb": "Appen svarte med HTTP-status",
        "en": "The app answered with HTTP status",
    },
}
