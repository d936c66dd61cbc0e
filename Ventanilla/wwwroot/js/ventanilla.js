// Small browser helpers the Blazor pages call: the waiting-room chime, printing, remembering the desk.
window.ventanilla = {
    audio: null,

    // Browsers only allow sound after a person has touched the page (unless Chromium runs with
    // --autoplay-policy=no-user-gesture-required); the display asks for one touch when needed.
    soundState() {
        return this.audio ? this.audio.state : "none";
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

    async chime() {
        try {
            const state = await this.enableSound();
            if (state !== "running") {
                return state;
            }
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
            return "running";
        } catch {
            return "blocked";
        }
    },

    print() {
        window.print();
    },

    getItem(key) {
        return localStorage.getItem(key);
    },

    setItem(key, value) {
        localStorage.setItem(key, value);
    },
};
