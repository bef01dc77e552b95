package org.cpansec.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The friendly error pages, whatever the client accepts: pages are for people, and the API never
 * comes here (its errors are problem details, see {@code api.ApiExceptionHandler}). Shows no detail
 * of the failure.
 */
@Controller
public class ErrorPageController implements ErrorController {
  @RequestMapping("/error")
  public String error(HttpServletRequest req, HttpServletResponse res) {
    Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    res.setStatus(status);
    res.setContentType("text/html;charset=UTF-8");
    if (status == 404) {
      return "error/404";
    }
    return status >= 500 ? "error/500" : "error/4xx";
  }
}
