package se.kaa.intake.web;

import java.nio.file.Path;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

import se.kaa.intake.SchoolUnits;
import se.kaa.intake.internal.ImportService;
import se.kaa.intake.internal.IntakeMessages;
import se.kaa.intake.internal.SchoolUnitFile;
import se.kaa.platform.ProblemException;
import se.kaa.platform.UploadSpool;

/**
 * The school unit register: {@code /admin/skolenheter} lists the units and takes a file of them
 * ({@link SchoolUnitsApiController} does the same for a system). Rows that pass are saved, each refused row
 * is named with its line, column and what is expected (docs/imports.md, "Skolenheter").
 */
@Controller
class SchoolUnitsController {

    /** A refused row as the API answers it: the message in Swedish. */
    record RefusedRow(long line, String column, String message) {
    }

    record UploadResult(int rows, int saved, int unchanged, List<RefusedRow> refused) {
    }

    private final SchoolUnits units;
    private final SchoolUnitFile files;
    private final ImportService imports;
    private final UploadSpool spool;
    private final IntakeMessages messages;

    SchoolUnitsController(SchoolUnits units, SchoolUnitFile files, ImportService imports, UploadSpool spool,
                          IntakeMessages messages) {
        this.units = units;
        this.files = files;
        this.imports = imports;
        this.spool = spool;
        this.messages = messages;
    }

    @GetMapping("/admin/skolenheter")
    String page(Model model) {
        model.addAttribute("units", units.all());
        return "intake/school-units";
    }

    @PostMapping("/admin/skolenheter")
    String upload(@RequestPart(name = "file", required = false) MultipartFile file, Authentication user, Model model,
                  HttpServletResponse response) {
        if (file == null || file.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("error", messages.get("intake.schoolUnits.noFile"));
            return page(model);
        }
        try {
            model.addAttribute("result", result(read(file, user.getName())));
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", messages.get(e.detailKey(), e.args()));
        }
        return page(model);
    }

    SchoolUnitFile.Result read(MultipartFile file, String user) {
        Path temp = Uploads.spool(file, imports, spool);
        try {
            return files.read(temp, user);
        } finally {
            Uploads.delete(temp);
        }
    }

    UploadResult result(SchoolUnitFile.Result r) {
        return new UploadResult(r.rows(), r.saved(), r.unchanged(), r.refused().stream()
                .map(p -> new RefusedRow(p.line(), p.column(), messages.get(p.messageKey(), p.args().toArray())))
                .toList());
    }
}
