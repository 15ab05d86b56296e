"""Paint a Scene as a small pixel-art picture (Pillow drawing primitives only).

Designed to be seen as terminal half-blocks 80 to 160 pixels wide: flat shapes, strong colours,
nothing thinner than a pixel that matters. Every random choice comes from the scene's seed, so the
same slide always gets the same picture.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

from viewer.illustration.pixelfont import draw_text, text_width
from viewer.illustration.scene import Scene

WIDTH, HEIGHT = 144, 84
"""The scene; the picture adds a label strip below it."""
LABEL_SCALE = 3
"""Pictures are usually shown at about half size: 3-pixel strokes keep the label legible there."""
STRIP = 5 * LABEL_SCALE + 2
TAG = "STAND-IN"

RGB = tuple[int, int, int]

# Figures, 5 pixels wide: h hair, s skin, c clothes, l legs, k skirt, g cap, y hard hat, r red, w white.
SPRITES = {
    "people": (".hhh.", ".sss.", ".sss.", "ccccc", "ccccc", "scccs", ".ccc.", ".l.l.", ".l.l.", ".l.l."),
    "soldiers": ("ggggg", ".srs.", ".sss.", "ccccc", "ccccc", "scccs", ".ccc.", ".l.l.", ".l.l.", "hh.hh"),
    "workers": (".yyy.", "yyyyy", ".sss.", "ccccc", "ccccc", "scccs", ".ccc.", ".l.l.", ".l.l.", "hh.hh"),
    "dancers": (".hhh.", ".sss.", "s.s.s", "swwws", ".www.", ".kkk.", ".kkk.", "kkkkk", "kkkkk", "kkkkk"),
    "children": (".hhh.", ".sss.", "wwrww", "swwws", ".www.", ".l.l.", ".l.l."),
}


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def jitter(color: RGB, rnd: random.Random, amount: int = 12) -> RGB:
    return tuple(max(0, min(255, c + rnd.randint(-amount, amount))) for c in color)  # type: ignore[return-value]


@dataclass
class Palette:
    sky_top: RGB
    sky_bottom: RGB
    ground: RGB
    far: RGB
    near: RGB
    building: RGB
    window: RGB
    lit: float
    """Share of windows lit."""
    light: RGB
    """Sun or moon."""


def palette(scene: Scene, rnd: random.Random) -> Palette:
    if scene.time == "night":
        p = Palette((8, 12, 38), (44, 40, 92), (28, 52, 40), (40, 44, 78), (26, 32, 52), (38, 40, 58),
                    (255, 212, 100), 0.2 if scene.sparse else 0.55, (236, 234, 208))
    elif scene.time == "dusk":
        p = Palette((64, 56, 122), (250, 152, 92), (88, 104, 58), (120, 86, 120), (74, 66, 88), (96, 84, 104),
                    (255, 200, 120), 0.25, (255, 196, 86))
    else:
        p = Palette((86, 146, 222), (190, 222, 244), (92, 156, 72), (128, 150, 186), (82, 110, 100),
                    (170, 172, 180), (150, 186, 214), 0.0, (255, 238, 150))
    if scene.weather == "rain":
        p.sky_top, p.sky_bottom = mix(p.sky_top, (96, 104, 120), 0.7), mix(p.sky_bottom, (150, 156, 168), 0.7)
        p.ground = mix(p.ground, (60, 70, 70), 0.4)
    elif scene.weather == "snow":
        p.sky_top, p.sky_bottom = mix(p.sky_top, (170, 184, 206), 0.6), mix(p.sky_bottom, (226, 232, 240), 0.6)
        p.ground = (226, 232, 242)
    p.sky_top, p.sky_bottom = jitter(p.sky_top, rnd, 10), jitter(p.sky_bottom, rnd, 10)
    p.ground, p.building = jitter(p.ground, rnd, 10), jitter(p.building, rnd, 12)
    return p


class Painter:
    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        self.rnd = random.Random(scene.seed)
        self.image = Image.new("RGB", (WIDTH, HEIGHT + STRIP))
        self.draw = ImageDraw.Draw(self.image)
        self.pal = palette(scene, self.rnd)
        self.horizon = self.rnd.randint(40, 50)

    # -- helpers ------------------------------------------------------------------------

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: RGB) -> None:
        self.draw.rectangle([round(x0), round(y0), round(x1), round(y1)], fill=fill)

    def bands(self, y0: int, y1: int, top: RGB, bottom: RGB, steps: int = 7) -> None:
        """A banded gradient: reads as pixel art, not as smeared noise."""
        span = max(1, y1 - y0)
        for i in range(steps):
            a = y0 + span * i // steps
            b = y0 + span * (i + 1) // steps - 1
            self.rect(0, a, WIDTH - 1, b, mix(top, bottom, i / max(1, steps - 1)))

    # -- outdoor ------------------------------------------------------------------------

    def sky(self) -> None:
        pal, rnd, scene = self.pal, self.rnd, self.scene
        self.bands(0, self.horizon, pal.sky_top, pal.sky_bottom)
        if scene.time == "night":
            for _ in range(28):
                x, y = rnd.randrange(WIDTH), rnd.randrange(self.horizon - 8)
                self.draw.point((x, y), fill=mix(pal.sky_top, (255, 255, 240), rnd.uniform(0.5, 1)))
        if scene.weather == "rain":
            for _ in range(10):
                x, y = rnd.randrange(-10, WIDTH), rnd.randrange(-4, 14)
                self.draw.ellipse([x, y, x + rnd.randint(18, 34), y + rnd.randint(7, 12)],
                                  fill=jitter((84, 90, 104), rnd, 8))
            return
        x = rnd.randint(16, WIDTH - 24)
        if scene.time == "night":
            self.draw.ellipse([x, 8, x + 11, 19], fill=pal.light)
            self.draw.ellipse([x + 4, 6, x + 15, 17], fill=mix(pal.sky_top, pal.sky_bottom, 0.15))
        elif scene.time == "dusk":
            r = 11
            self.draw.ellipse([x - r, self.horizon - r - 3, x + r, self.horizon + r - 3], fill=pal.light)
        elif scene.weather != "snow":
            self.draw.ellipse([x, 7, x + 12, 19], fill=pal.light)
        cloud = (250, 250, 252) if scene.time == "day" else (246, 178, 150)
        for _ in range(rnd.randint(1, 3)):
            cx, cy = rnd.randint(-6, WIDTH - 20), rnd.randint(4, max(6, self.horizon - 30))
            for dx, dy, w, h in ((0, 3, 16, 6), (5, 0, 12, 7), (11, 2, 14, 6)):
                self.draw.ellipse([cx + dx, cy + dy, cx + dx + w, cy + dy + h], fill=cloud)

    def mountains(self, near: bool) -> None:
        pal, rnd = self.pal, self.rnd
        color = pal.near if near else mix(pal.far, pal.sky_bottom, 0.25)
        base = self.horizon + (3 if near else 0)
        x = rnd.randint(-30, -5)
        while x < WIDTH:
            width = rnd.randint(36, 64)
            height = rnd.randint(14, 24 if near else 34)
            peak = (x + width // 2 + rnd.randint(-6, 6), base - height)
            self.draw.polygon([(x, base), peak, (x + width, base)], fill=jitter(color, rnd, 6))
            if height > 22 or self.scene.weather == "snow":
                cap = max(3, height // 4)
                self.draw.polygon([(peak[0] - cap, peak[1] + cap), peak, (peak[0] + cap, peak[1] + cap)],
                                  fill=(236, 240, 246))
            x += width - rnd.randint(8, 22)

    def city(self) -> None:
        pal, rnd, scene = self.pal, self.rnd, self.scene
        landmark = rnd.randrange(WIDTH - 30) if rnd.random() < 0.4 else None
        x = rnd.randint(-6, 0)
        while x < WIDTH:
            width = rnd.randint(9, 17)
            height = rnd.randint(14, 40)
            top = self.horizon - height
            body = jitter(pal.building, rnd, 14)
            self.rect(x, top, x + width - 1, self.horizon + 1, body)
            for wy in range(top + 3, self.horizon - 2, 4):
                for wx in range(x + 2, x + width - 3, 3):
                    lit = rnd.random() < pal.lit
                    if scene.time == "day":
                        color = mix(body, pal.window, 0.7 if rnd.random() < 0.8 else 0.2)
                    else:
                        color = pal.window if lit else mix(body, (0, 0, 0), 0.35)
                    self.rect(wx, wy, wx, wy + 1, color)
            x += width + rnd.randint(0, 3)
        if landmark is not None:
            # A tall pyramid tower over the skyline (Pyongyang's best-known silhouette).
            base_y = self.horizon + 1
            tip = 6 + rnd.randint(0, 6)
            self.draw.polygon([(landmark, base_y), (landmark + 12, tip), (landmark + 24, base_y)],
                              fill=mix(pal.building, (150, 170, 190), 0.4))
            self.rect(landmark + 9, tip + 2, landmark + 15, tip + 5, mix(pal.building, (200, 210, 220), 0.5))

    def huts(self, y: int, count: int) -> None:
        rnd = self.rnd
        for _ in range(count):
            x = rnd.randint(0, WIDTH - 14)
            w, h = rnd.randint(10, 14), rnd.randint(6, 8)
            wall = jitter((150, 118, 82), rnd, 14)
            self.rect(x, y - h, x + w, y, wall)
            self.draw.polygon([(x - 2, y - h), (x + w // 2, y - h - 6), (x + w + 2, y - h)],
                              fill=jitter((176, 150, 84), rnd, 12))
            self.rect(x + w // 2 - 1, y - 4, x + w // 2 + 1, y, (62, 44, 30))

    def ground(self) -> None:
        pal, scene = self.pal, self.scene
        self.bands(self.horizon, HEIGHT, mix(pal.ground, pal.sky_bottom, 0.25), pal.ground, steps=4)
        if "fields" in scene.landscapes and scene.weather != "snow":
            a = jitter((154, 170, 72) if scene.time == "day" else mix((154, 170, 72), pal.ground, 0.6), self.rnd, 10)
            b = mix(a, pal.ground, 0.5)
            y, gap, i = self.horizon + 1, 2, 0
            while y < HEIGHT:
                self.rect(0, y, WIDTH - 1, y + gap - 1, a if i % 2 else b)
                y += gap
                gap = min(6, gap + (1 if i % 2 else 0))
                i += 1

    def water(self, top: int, bottom: int) -> None:
        pal, rnd = self.pal, self.rnd
        deep = mix((40, 96, 150), pal.sky_top, 0.3)
        self.bands(top, bottom, mix(deep, pal.sky_bottom, 0.4), deep, steps=4)
        for _ in range(26):
            x, y = rnd.randrange(WIDTH), rnd.randrange(top + 1, max(top + 2, bottom))
            self.rect(x, y, x + rnd.randint(2, 6), y, mix(deep, (230, 240, 250), 0.45))
        if self.scene.time != "day":
            cx = rnd.randint(30, WIDTH - 30)
            for y in range(top + 1, bottom, 2):
                self.rect(cx - 2, y, cx + 2, y, pal.light)

    def bridge(self, deck_y: int) -> None:
        color = jitter((150, 140, 132), self.rnd, 10)
        end = WIDTH - 1 if not self.scene.sparse else self.rnd.randint(70, 100)
        self.rect(0, deck_y, end, deck_y + 2, color)
        for x in range(10, end - 6, 24):
            self.draw.arc([x, deck_y + 1, x + 24, deck_y + 18], 180, 360, fill=color, width=2)
            self.rect(x, deck_y + 2, x + 1, deck_y + 12, color)
        if self.scene.time == "night":
            for x in range(4, end, 8):
                self.draw.point((x, deck_y - 1), fill=(255, 220, 120))

    def road(self, y: int) -> None:
        asphalt = jitter((74, 74, 80), self.rnd, 6)
        self.rect(0, y - 1, WIDTH - 1, y - 1, (150, 150, 146))
        self.rect(0, y, WIDTH - 1, y + 9, asphalt)
        for x in range(self.rnd.randint(0, 8), WIDTH, 12):
            self.rect(x, y + 4, x + 5, y + 4, (226, 210, 120))

    def rail(self, y: int) -> None:
        self.rect(0, y, WIDTH - 1, y + 6, jitter((116, 104, 92), self.rnd, 8))
        for x in range(0, WIDTH, 4):
            self.rect(x, y + 1, x + 1, y + 5, (84, 62, 44))
        self.rect(0, y + 2, WIDTH - 1, y + 2, (196, 198, 204))
        self.rect(0, y + 4, WIDTH - 1, y + 4, (196, 198, 204))

    # -- things ---------------------------------------------------------------------------

    def bus(self, x: int, base: int) -> None:
        body = self.rnd.choice([(60, 110, 170), (200, 80, 60), (70, 140, 110), (210, 170, 60)])
        self.rect(x, base - 11, x + 34, base - 2, body)
        self.rect(x, base - 6, x + 34, base - 5, (236, 226, 200))
        for wx in range(x + 3, x + 31, 6):
            self.rect(wx, base - 10, wx + 3, base - 8, (190, 214, 230))
        for wx in (x + 5, x + 27):
            self.rect(wx, base - 2, wx + 3, base, (24, 24, 28))

    def car(self, x: int, base: int) -> None:
        body = self.rnd.choice([(30, 30, 36), (200, 200, 196), (170, 40, 40), (220, 190, 60)])
        self.rect(x, base - 5, x + 16, base - 2, body)
        self.rect(x + 4, base - 8, x + 12, base - 5, body)
        self.rect(x + 5, base - 7, x + 11, base - 6, (180, 206, 226))
        for wx in (x + 2, x + 12):
            self.rect(wx, base - 2, wx + 2, base, (20, 20, 24))

    def truck(self, x: int, base: int) -> None:
        self.rect(x, base - 9, x + 8, base - 2, (90, 110, 70))
        self.rect(x + 2, base - 8, x + 6, base - 6, (180, 206, 226))
        self.rect(x + 9, base - 6, x + 26, base - 2, (110, 96, 70))
        for px in range(x + 11, x + 25, 4):
            self.person(px, base - 5, (40, 40, 50), small=True)
        for wx in (x + 2, x + 20):
            self.rect(wx, base - 2, wx + 3, base, (20, 20, 24))

    def train(self, x: int, base: int) -> None:
        green, cream = (54, 110, 74), (230, 214, 150)
        self.rect(x, base - 12, x + 20, base - 1, green)
        self.rect(x + 14, base - 15, x + 20, base - 12, green)
        self.rect(x + 1, base - 6, x + 20, base - 5, cream)
        cx = x + 22
        while cx < WIDTH + 10:
            self.rect(cx, base - 11, cx + 26, base - 1, green)
            self.rect(cx, base - 6, cx + 26, base - 5, cream)
            for wx in range(cx + 2, cx + 24, 5):
                window = (200, 220, 230) if self.scene.time == "day" else (255, 214, 110)
                self.rect(wx, base - 10, wx + 2, base - 8, window)
            cx += 28

    def boat(self, x: int, water_y: int) -> None:
        self.draw.polygon([(x, water_y - 4), (x + 20, water_y - 4), (x + 16, water_y), (x + 4, water_y)],
                          fill=(120, 64, 40))
        self.rect(x + 9, water_y - 16, x + 9, water_y - 4, (60, 50, 40))
        self.draw.polygon([(x + 10, water_y - 15), (x + 10, water_y - 5), (x + 18, water_y - 5)], fill=(238, 234, 220))

    def tree(self, x: int, base: int) -> None:
        rnd, scene = self.rnd, self.scene
        r = rnd.randint(5, 8)
        self.rect(x - 1, base - 7, x + 1, base, (96, 66, 40))
        leaf = (46, 110, 56) if scene.time == "day" else (30, 70, 44)
        self.draw.ellipse([x - r, base - 7 - 2 * r, x + r, base - 5], fill=jitter(leaf, rnd, 14))
        if scene.weather == "snow":
            self.draw.ellipse([x - r + 2, base - 7 - 2 * r, x + r - 2, base - 6 - r], fill=(236, 240, 246))

    def flowers(self, y0: int) -> None:
        colors = [(200, 60, 140), (230, 60, 70), (240, 200, 70), (160, 90, 200), (250, 250, 250)]
        for _ in range(40):
            x, y = self.rnd.randrange(WIDTH), self.rnd.randint(y0, HEIGHT - 2)
            self.rect(x, y, x + 1, y + 1, self.rnd.choice(colors))

    def monument(self, x: int, base: int) -> None:
        stone = (226, 222, 210)
        if self.rnd.random() < 0.5:
            # A tapering tower with a flame on top.
            top = self.rnd.randint(6, 12)
            self.draw.polygon([(x - 4, base), (x - 2, top), (x + 2, top), (x + 4, base)], fill=stone)
            self.draw.polygon([(x - 3, top), (x, top - 7), (x + 3, top)], fill=(236, 88, 40))
        else:
            # A statue on a pedestal.
            self.rect(x - 8, base - 8, x + 8, base, stone)
            bronze = (150, 112, 60)
            self.rect(x - 2, base - 22, x + 2, base - 9, bronze)
            self.rect(x - 1, base - 26, x + 1, base - 23, bronze)
            self.rect(x + 2, base - 21, x + 5, base - 20, bronze)
        for fx in (x - 14, x + 14):
            self.rect(fx, base - 20, fx, base, (200, 200, 200))
            self.rect(fx + 1, base - 20, fx + 6, base - 16, (210, 40, 40))

    def fence(self, y: int) -> None:
        wire = (170, 170, 170)
        for x in range(2, WIDTH, 9):
            self.rect(x, y - 10, x + 1, y, (110, 100, 90))
        for wy in (y - 9, y - 6, y - 3):
            self.rect(0, wy, WIDTH - 1, wy, wire)
        tx = self.rnd.choice([8, WIDTH - 22])
        self.rect(tx, self.horizon - 20, tx + 1, self.horizon + 6, (90, 80, 70))
        self.rect(tx + 12, self.horizon - 20, tx + 13, self.horizon + 6, (90, 80, 70))
        self.rect(tx - 2, self.horizon - 28, tx + 15, self.horizon - 20, (120, 100, 80))
        self.rect(tx + 1, self.horizon - 26, tx + 12, self.horizon - 24, (40, 40, 40))

    def stall(self, x: int, base: int) -> None:
        for i in range(0, 24, 4):
            self.rect(x + i, base - 16, x + i + 1, base - 13, (220, 60, 60))
            self.rect(x + i + 2, base - 16, x + i + 3, base - 13, (245, 245, 240))
        self.rect(x, base - 13, x, base, (90, 70, 50))
        self.rect(x + 23, base - 13, x + 23, base, (90, 70, 50))
        self.rect(x + 1, base - 5, x + 22, base - 4, (130, 96, 60))
        for gx in range(x + 2, x + 21, 3):
            self.rect(gx, base - 7, gx + 1, base - 6, self.rnd.choice([(240, 200, 80), (200, 80, 60), (90, 160, 80)]))

    # -- people -----------------------------------------------------------------------------

    def person(self, x: int, base: int, clothes: RGB, *, small: bool = False, kind: str = "people") -> None:
        """A figure from SPRITES, feet on `base`; drawn at 2× unless `small`."""
        rnd = self.rnd
        colors = {
            "h": (30, 26, 24),
            "s": rnd.choice([(236, 196, 160), (220, 176, 136), (200, 156, 118)]),
            "c": clothes,
            "l": clothes if kind in ("soldiers", "workers") else (44, 44, 54),
            "k": rnd.choice([(236, 80, 120), (250, 200, 60), (80, 140, 230), (240, 120, 60)]),
            "g": (62, 78, 44),
            "y": (240, 196, 40),
            "r": (220, 40, 40),
            "w": (250, 250, 250),
        }
        sprite = SPRITES[kind]
        scale = 1 if small else 2
        top = base - len(sprite) * scale + 1
        for row, line in enumerate(sprite):
            for col, key in enumerate(line):
                if key != ".":
                    px, py = x + col * scale, top + row * scale
                    self.rect(px, py, px + scale - 1, py + scale - 1, colors[key])

    def figures(self, base: int) -> None:
        scene, rnd = self.scene, self.rnd
        kind = scene.figures
        if kind is None:
            return
        count = 1 if scene.sparse else rnd.randint(3, 7)
        palette_for = {
            "soldiers": [(86, 102, 58), (78, 94, 52)],
            "workers": [(52, 84, 150), (70, 90, 120)],
            "children": [(240, 240, 240), (230, 230, 220)],
            "dancers": [(250, 250, 250)],
            "people": [(40, 42, 52), (236, 236, 232), (170, 60, 70), (60, 90, 150), (120, 100, 80)],
        }[kind]
        slots = range(2, WIDTH - 24, 13)
        xs = sorted(rnd.sample(slots, min(count, len(slots))))
        for x in xs:
            self.person(x + rnd.randint(0, 3), base + rnd.randint(-1, 1), rnd.choice(palette_for), kind=kind)

    # -- indoor -----------------------------------------------------------------------------

    def floor(self, y: int, a: RGB, b: RGB) -> None:
        for row, ty in enumerate(range(y, HEIGHT, 5)):
            for col, tx in enumerate(range(-(row % 2) * 3, WIDTH, 6)):
                self.rect(tx, ty, tx + 5, ty + 4, a if (row + col) % 2 else b)

    def store(self) -> None:
        rnd, scene = self.rnd, self.scene
        self.bands(0, 66, jitter((226, 218, 196), rnd, 10), jitter((204, 196, 172), rnd, 10), steps=3)
        self.floor(66, (190, 190, 186), (160, 160, 158))
        for x in range(10, WIDTH, 34):
            self.rect(x, 3, x + 18, 4, (250, 250, 240))
        fill = 0.12 if scene.sparse else 0.85
        goods = [(220, 60, 50), (240, 200, 60), (70, 150, 210), (90, 170, 80), (240, 240, 240), (200, 110, 170)]
        for sx in range(4, WIDTH - 30, 36):
            self.rect(sx, 14, sx + 31, 64, (120, 124, 132))
            for shelf_y in range(24, 64, 10):
                self.rect(sx + 1, shelf_y, sx + 30, shelf_y + 1, (170, 174, 180))
                for gx in range(sx + 2, sx + 29, 3):
                    if rnd.random() < fill:
                        h = rnd.randint(3, 6)
                        self.rect(gx, shelf_y - h, gx + 1, shelf_y - 1, rnd.choice(goods))

    def office(self) -> None:
        rnd = self.rnd
        self.bands(0, 60, jitter((200, 210, 214), rnd, 8), jitter((180, 190, 196), rnd, 8), steps=3)
        self.rect(20, 8, 60, 34, (120, 130, 140))
        self.rect(21, 9, 59, 33, (150, 196, 236))
        self.rect(40, 9, 40, 33, (120, 130, 140))
        self.rect(100, 10, 124, 24, (200, 40, 40))  # a red banner on the wall
        self.floor(60, (110, 116, 130), (100, 106, 120))
        for dx in range(6, WIDTH - 30, 46):
            self.rect(dx, 60, dx + 36, 62, (140, 100, 64))
            self.rect(dx + 2, 63, dx + 3, 76, (110, 80, 50))
            self.rect(dx + 33, 63, dx + 34, 76, (110, 80, 50))
            self.rect(dx + 12, 48, dx + 24, 59, (214, 206, 180))
            self.rect(dx + 14, 50, dx + 22, 56, (60, 110, 190))
            self.person(dx + 14, 62, (52, 84, 150), kind="workers" if self.scene.figures == "workers" else "people")
            self.rect(dx + 12, 60, dx + 26, 62, (140, 100, 64))  # the desk hides their legs

    def station(self) -> None:
        rnd = self.rnd
        self.bands(0, 60, jitter((206, 190, 160), rnd, 8), jitter((180, 160, 130), rnd, 8), steps=3)
        self.rect(14, 14, WIDTH - 15, 44, (120, 70, 50))
        self.bands(16, 43, jitter((250, 176, 90), rnd, 12), jitter((220, 90, 70), rnd, 12), steps=5)
        for mx in range(22, WIDTH - 24, 14):
            self.person(mx, 42, rnd.choice([(200, 40, 40), (40, 60, 120), (240, 240, 240)]), small=True)
        for cx in range(20, WIDTH, 40):
            self.rect(cx, 0, cx, 5, (200, 180, 120))
            self.draw.ellipse([cx - 5, 5, cx + 5, 11], fill=(255, 236, 170))
        self.rect(0, 60, WIDTH - 1, 62, (230, 200, 90))
        self.floor(63, (214, 206, 196), (190, 182, 172))
        if not self.scene.sparse:
            self.train(-4, 60)

    # -- whole picture ------------------------------------------------------------------------

    def paint(self) -> Image.Image:
        scene = self.scene
        if scene.indoor == "store":
            self.store()
            self.figures(HEIGHT - 6)
        elif scene.indoor == "office":
            self.office()
        elif scene.indoor == "station":
            self.station()
            self.figures(HEIGHT - 8)
        else:
            self.outdoor()
        self.tag()
        return self.image

    def outdoor(self) -> None:
        scene, rnd = self.scene, self.rnd
        self.sky()
        lands = scene.landscapes
        if "mountains" in lands:
            self.mountains(near=False)
            if lands[0] == "mountains":
                self.mountains(near=True)
        if "city" in lands:
            self.city()
        self.ground()
        water_bottom = None
        if "water" in lands:
            water_bottom = self.horizon + (16 if lands[0] == "water" else 9)
            self.water(self.horizon + 1, water_bottom)
            if "bridge" in scene.extras:
                self.bridge(self.horizon - 2)
            if "boat" in scene.vehicles:
                self.boat(rnd.randint(10, WIDTH - 40), water_bottom - 3)
        if "huts" in lands:
            self.huts((water_bottom or self.horizon) + 8, 2 if scene.sparse else rnd.randint(3, 5))
        way_y = HEIGHT - 24
        if "monument" in scene.extras:
            self.monument(rnd.randint(30, WIDTH - 30), way_y - 2)
        if "trees" in scene.extras:
            for _ in range(rnd.randint(3, 5)):
                self.tree(rnd.randint(4, WIDTH - 4), rnd.randint(way_y - 4, HEIGHT - 14))
        if "fence" in scene.extras:
            self.fence(way_y - 2)
        if scene.way == "road":
            self.road(way_y)
            order = [v for v in scene.vehicles if v != "boat"]
            if scene.sparse:
                order = order[:1]
            x = rnd.randint(4, 40)
            for vehicle in order:
                getattr(self, vehicle)(x, way_y + 8)
                x += rnd.randint(44, 60)
        elif scene.way == "rail":
            self.rail(way_y + 2)
            if not scene.sparse:
                self.train(rnd.randint(-40, 30), way_y + 3)
        if "market" in scene.extras:
            self.stall(rnd.choice([6, WIDTH - 32]), HEIGHT - 4)
        if "flowers" in scene.extras:
            self.flowers(HEIGHT - 12)
        self.figures(HEIGHT - 3)
        if scene.weather == "rain":
            for _ in range(110):
                x, y = rnd.randrange(WIDTH), rnd.randrange(HEIGHT)
                self.draw.line([(x, y), (x - 1, y + 3)], fill=(178, 196, 216))
        elif scene.weather == "snow":
            for _ in range(120):
                self.draw.point((rnd.randrange(WIDTH), rnd.randrange(HEIGHT)), fill=(250, 250, 255))

    def tag(self) -> None:
        """Say on the picture itself, legibly at terminal size, that it is a stand-in."""
        self.rect(0, HEIGHT, WIDTH - 1, HEIGHT + STRIP - 1, (20, 20, 24))
        x = (WIDTH - text_width(TAG, LABEL_SCALE)) // 2
        draw_text(self.draw, x, HEIGHT + 1, TAG, (236, 236, 236), LABEL_SCALE)


def paint(scene: Scene) -> Image.Image:
    """The stand-in picture for `scene`: WIDTH × (HEIGHT + STRIP) pixels, RGB."""
    return Painter(scene).paint()
