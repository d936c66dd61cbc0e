// Small browser helpers the Blazor pages call: the waiting-room chime, printing, remembering the desk.
window.ventanilla = {
    audio: null,

    // Browsers only allow sound after a person has touched the page (unless Chromium runs with
    // --autoplay-policy=no-user-gesture-required); the display asks for one touch when needed.
    soundState() {
        if (this.audio) {
            return this.audio.state === "closed" ? "blocked" : "running";
        }
        const policy = navigator.getAutoplayPolicy ? navigator.getAutoplayPolicy("audiocontext") : "allowed";
        return policy === "allowed" || navigator.userActivation?.hasBeenActive ? "allowed" : "suspended";
    },

    async enableSound() {
        if (!this.audio) {
            this.audio = new AudioContext();
        }
        if (this.audio.state === "suspended") {
            await this.audio.resume();
        }
        return this.audio.state;
    },

    // The audio context is woken for each chime and put back to sleep afterwards: a running context keeps
    // an audio thread busy, which a screen left on for days does not need.
    async chime() {
        try {
            const state = await this.enableSound();
            if (state !== "running") {
                return state;
            }
            clearTimeout(this.sleep);
            const now = this.audio.currentTime;
            [[880, 0], [660, 0.35]].forEach(([frequency, start]) => {
                const tone = this.audio.createOscillator();
                const gain = this.audio.createGain();
                tone.frequency.value = frequency;
                gain.gain.setValueAtTime(0.0001, now + start);
                gain.gain.exponentialRampToValueAtTime(0.4, now + start + 0.03);
                gain.gain.exponentialRampToValueAtTime(0.0001, now + start + 0.6);
                tone.connect(gain).connect(this.audio.destination);
                tone.start(now + start);
                tone.stop(now + start + 0.65);
            });
            this.sleep = setTimeout(() => this.audio.suspend(), 1500);
            return "running";
        } catch {
            return "blocked";
        }
    },

    // The waiting room chimes when a new call appears, watched here in the browser: the server only renders
    // the call, so twenty screens cost it one render each and no extra round trip.
    chimes: 0,

    watchCalls(element) {
        let last = element.querySelector("[data-call]")?.getAttribute("data-call") ?? null;
        new MutationObserver(() => {
            const current = element.querySelector("[data-call]")?.getAttribute("data-call") ?? null;
            if (current !== null && current !== last) {
                this.chimes++;
                this.chime();
            }
            last = current;
        }).observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-call"] });
    },

    // Prints only the element matching the selector (the turn ticket, the response letter): a copy of it is
    // put in #print-root, directly in <body>, and the print CSS leaves everything else out. Copying it out of
    // the app's layout lets a long letter run onto further pages with nothing of the screen behind it.
    print(selector) {
        document.getElementById("print-root")?.remove();
        const source = selector ? document.querySelector(selector) : null;
        if (source) {
            const root = document.createElement("div");
            root.id = "print-root";
            root.className = source.className;
            root.innerHTML = source.innerHTML;
            document.body.appendChild(root);
            window.addEventListener("afterprint", () => root.remove(), { once: true });
        }
        window.print();
    },

    // Empties a file input after its file was read, so that choosing the same file again fires "change".
    resetInput(input) {
        if (input) input.value = "";
    },

    getItem(key) {
        return localStorage.getItem(key);
    },

    setItem(key, value) {
        localStorage.setItem(key, value);
    },
};

// The citizen's status page opened from a QR code: the folio and code travel after "#" (never sent to the server,
// so never in a log). Fill the form, take them out of the address bar, and ask. Also when a second code is opened
// in the same tab (only the part after "#" changes, so the page does not load again).
function fillStatusFromHash() {
    const form = document.querySelector("form[data-fill-from-hash]");
    if (!form || location.hash.length < 2) return;
    const values = new URLSearchParams(location.hash.slice(1));
    const folio = values.get("folio"), code = values.get("codigo");
    if (!folio || !code) return;
    form.querySelector("[name=Folio]").value = folio;
    form.querySelector("[name=Codigo]").value = code;
    history.replaceState(null, "", location.pathname);
    form.requestSubmit();
}
document.addEventListener("DOMContentLoaded", fillStatusFromHash);
window.addEventListener("hashchange", fillStatusFromHash);
